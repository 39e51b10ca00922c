import { defineManifest } from '@egov/kernel/manifest';

/**
 * Financial Supervision and Golden Card (金融监管 含金卡), run by the People’s
 * Bank of China (`pbc`): the PBC is the anti-money-laundering authority that
 * receives large-value and suspicious transaction reports (its Order 2016
 * No. 3, through its China Anti-Money Laundering Monitoring and Analysis
 * Center) and oversees bank cards and payments (Golden Card); prudential
 * ratios are the National Financial Regulatory Administration's rules, read
 * here as thresholds the same app applies.
 */
export const manifest = defineManifest({
  name: 'financial-supervision',
  zone: 'internal',
  title: { zh: '金融监管', en: 'Financial Supervision and Golden Card' },
  agency: { code: 'pbc', name: 'People’s Bank of China' },
  portOffset: 8,
  permissions: {
    'financial-supervision.institution.register':
      'registers a financial institution by credit code and licence, and changes its status.',
    'financial-supervision.institution.read': 'reads the registry of financial institutions.',
    'financial-supervision.threshold.set': 'sets a prudential threshold from a date (a regulator’s change).',
    'financial-supervision.prudential.file': 'files a bank’s quarterly prudential figures.',
    'financial-supervision.prudential.read': 'reads prudential thresholds, reports and alerts.',
    'financial-supervision.transaction.submit': 'submits a file of an institution’s transactions.',
    'financial-supervision.transaction.read': 'reads large-value reports, customer IDs masked.',
    'financial-supervision.customer.reveal':
      'shows customers’ full resident IDs wherever they are read (each reveal is audited).',
    'financial-supervision.suspicious.file': 'files a suspicious transaction report with its grounds.',
    'financial-supervision.suspicious.read': 'reads suspicious transaction reports and their referrals.',
    'financial-supervision.suspicious.refer':
      'refers a suspicious report to golden-shield (identity check, case) and golden-tax (invoices).',
    'financial-supervision.card.register': 'registers issuers’ BIN ranges and bank cards (Golden Card).',
    'financial-supervision.card.status': 'freezes, reactivates, reports lost or cancels a bank card.',
    'financial-supervision.card.check': 'checks a bank card’s status and issuer; the number stays masked.',
  },
  roles: {
    'financial-supervisor': {
      description: 'keeps the registry of institutions, prudential thresholds and reports, and Golden Card',
      permissions: [
        'financial-supervision.institution.register',
        'financial-supervision.institution.read',
        'financial-supervision.threshold.set',
        'financial-supervision.prudential.file',
        'financial-supervision.prudential.read',
        'financial-supervision.card.register',
        'financial-supervision.card.status',
        'financial-supervision.card.check',
      ],
    },
    'aml-analyst': {
      description: 'takes transaction files and suspicious reports, refers cases; may reveal customer IDs',
      permissions: [
        'financial-supervision.institution.read',
        'financial-supervision.transaction.submit',
        'financial-supervision.transaction.read',
        'financial-supervision.customer.reveal',
        'financial-supervision.suspicious.file',
        'financial-supervision.suspicious.read',
        'financial-supervision.suspicious.refer',
      ],
    },
    'card-checker': {
      description: 'another agency’s official checking bank cards (status and issuer only)',
      permissions: ['financial-supervision.card.check'],
    },
  },
  // Flow 6: identity check and case at golden-shield (identity.verify under a catalog grant for
  // GS-POP-0001), the related company's invoices at golden-tax.
  calls: {
    'golden-shield': ['golden-shield.identity.verify', 'golden-shield.case.open', 'golden-shield.case.read'],
    'golden-tax': ['golden-tax.aml.check'],
  },
  events: { publishes: [], consumes: [] },
});
