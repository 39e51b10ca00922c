import { defineManifest } from '@egov/kernel/manifest';

/** Golden Tax (金税): taxpayers, e-invoices and VAT, run by the State Taxation Administration. */
export const manifest = defineManifest({
  name: 'golden-tax',
  zone: 'internal',
  title: { zh: '金税工程 增值税与电子发票', en: 'Golden Tax: VAT and e-invoices' },
  agency: { code: 'sat', name: 'State Taxation Administration' },
  portOffset: 3,
  permissions: {
    'golden-tax.taxpayer.register': 'registers a taxpayer by its unified social credit code.',
    'golden-tax.taxpayer.read': 'reads a taxpayer and its VAT standing.',
    'golden-tax.quota.set': "sets a taxpayer's monthly e-invoice quota.",
    'golden-tax.invoice.issue': 'issues a fully digital e-invoice within the quota.',
    'golden-tax.invoice.read': 'reads e-invoices.',
    'golden-tax.invoice.void': 'voids an e-invoice not yet counted in a return.',
    'golden-tax.input.record': 'records input VAT to deduct.',
    'golden-tax.input.read': 'reads recorded input VAT.',
    'golden-tax.return.file': 'files the VAT return of a month that is over.',
    'golden-tax.return.read': 'reads VAT returns.',
    'golden-tax.return.pay': "pays a return's VAT into the treasury.",
    'golden-tax.aml.check':
      "checks a company's invoices over a period for an anti-money-laundering case and attaches the totals to it.",
    'golden-tax.statistics.read': 'reads tax revenue by tax and month (catalog resource GT-REV-0001).',
  },
  roles: {
    'tax-officer': {
      description: 'taxpayers, e-invoices and VAT returns at Golden Tax',
      permissions: ['golden-tax.*'],
    },
  },
  // Tax pays VAT into the treasury, and attaches invoice findings to cases at golden-shield.
  calls: {
    'golden-finance': [
      'golden-finance.treasury.expect',
      'golden-finance.treasury.receive',
      'golden-finance.treasury.read',
    ],
    'golden-shield': ['golden-shield.case.attach'],
  },
  events: {
    publishes: [
      'golden-tax.invoice.issued.v1',
      'golden-tax.invoice.voided.v1',
      'golden-tax.return.filed.v1',
      'golden-tax.taxpayer.registered.v1',
    ],
    consumes: ['golden-customs.import-vat.certified.v1', 'golden-quality.entity.registered.v1'],
  },
});
