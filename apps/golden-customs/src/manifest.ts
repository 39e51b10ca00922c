import { defineManifest } from '@egov/kernel/manifest';

/** Golden Customs (金关): import declarations, duties and release, run by the General Administration of Customs. */
export const manifest = defineManifest({
  name: 'golden-customs',
  zone: 'internal',
  title: { zh: '金关工程 进口通关', en: 'Golden Customs: import clearance' },
  agency: { code: 'customs', name: 'General Administration of Customs' },
  portOffset: 4,
  permissions: {
    'golden-customs.importer.register': 'registers an importer, checking its VAT standing at golden-tax.',
    'golden-customs.importer.read': 'reads importers.',
    'golden-customs.tariff.read': 'reads tariff lines and their rates.',
    'golden-customs.declaration.submit':
      'submits an import declaration, valued, assessed and given its lane.',
    'golden-customs.declaration.read': 'reads declarations.',
    'golden-customs.inspection.record': "records the result of a declaration's inspection.",
    'golden-customs.declaration.pay': "pays a declaration's duties and taxes into the treasury.",
    'golden-customs.declaration.release': 'releases a paid and cleared declaration.',
    'golden-customs.statistics.read': 'reads monthly trade totals (catalog resource GC-TRD-0001).',
  },
  roles: {
    'customs-officer': {
      description: 'declarations, inspections and release at Golden Customs',
      permissions: ['golden-customs.*'],
    },
  },
  // Customs registers what is due and pays duty, consumption tax and import VAT into the treasury,
  // and reads an importer's VAT registration at golden-tax.
  calls: {
    'golden-finance': ['golden-finance.treasury.expect', 'golden-finance.treasury.receive'],
    'golden-tax': ['golden-tax.taxpayer.read'],
    // Flow 5: goods whose tariff line needs CCC are released only once golden-quality confirms a valid certificate.
    'golden-quality': ['golden-quality.certificate.check'],
  },
  events: {
    publishes: [
      'golden-customs.declaration.submitted.v1',
      'golden-customs.declaration.inspected.v1',
      'golden-customs.declaration.paid.v1',
      'golden-customs.declaration.released.v1',
      'golden-customs.import-vat.certified.v1',
    ],
    consumes: [],
  },
});
