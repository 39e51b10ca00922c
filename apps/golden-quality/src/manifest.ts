import { defineManifest } from '@egov/kernel/manifest';

/** Golden Quality (金质工程), run by the State Administration for Market Regulation. */
export const manifest = defineManifest({
  name: 'golden-quality',
  zone: 'internal',
  title: { zh: '金质工程', en: 'Golden Quality' },
  agency: { code: 'samr', name: 'State Administration for Market Regulation' },
  portOffset: 7,
  permissions: {
    'golden-quality.entity.register':
      'registers a legal entity and issues its unified social credit code, after golden-shield confirms the legal representative.',
    'golden-quality.entity.read': "reads legal entities, the legal representative's resident ID masked.",
    'golden-quality.entity.reveal':
      "shows legal representatives' full resident IDs wherever an entity is read (each reveal is audited).",
    'golden-quality.entity.status': 'suspends, reinstates or deregisters a legal entity.',
    'golden-quality.entity.lookup':
      'checks a credit code in the legal-entity base for another agency (catalog resource GQ-ENT-0001, conditional).',
    'golden-quality.application.submit':
      'submits an application to open a business: registration, credit code, then tax and social-security.',
    'golden-quality.application.read': 'reads business applications and the status of each step.',
    'golden-quality.certificate.apply': 'files an application for CCC certification of a product.',
    'golden-quality.certificate.assess':
      'records document reviews, type tests, factory inspections and follow-up inspections of CCC certificates.',
    'golden-quality.certificate.read': 'reads and searches CCC certificates by product and holder.',
    'golden-quality.certificate.check':
      'checks whether an importer holds a valid CCC certificate for a commodity (golden-customs, flow 5).',
    'golden-quality.anticounterfeit.issue': 'issues the anti-counterfeit codes of one product batch.',
    'golden-quality.sample.record':
      'records market samples and their laboratory results; a failed sample orders a recall and is published.',
    'golden-quality.sample.read': 'reads samples, recalls and fines.',
    'golden-quality.fine.impose':
      'decides the fine on a failed sample, which golden-finance then expects as non-tax revenue.',
    'golden-quality.fine.collect': "records a fine's payment into the treasury as non-tax revenue.",
  },
  roles: {
    'quality-officer': {
      description: 'registers legal entities and handles business applications at Golden Quality',
      permissions: ['golden-quality.*'],
    },
    'quality-clerk': {
      description: 'reads legal entities (resident IDs masked) and business applications',
      permissions: [
        'golden-quality.entity.read',
        'golden-quality.application.read',
        'golden-quality.certificate.read',
        'golden-quality.sample.read',
      ],
    },
  },
  // The legal representative is checked at golden-shield (catalog resource GS-POP-0001, under a grant);
  // fines are non-tax revenue of the treasury.
  calls: {
    'golden-shield': ['golden-shield.identity.verify'],
    'golden-finance': ['golden-finance.treasury.expect', 'golden-finance.treasury.receive'],
  },
  events: {
    publishes: ['golden-quality.entity.registered.v1'],
    consumes: ['golden-tax.taxpayer.registered.v1', 'social-security.employer.registered.v1'],
  },
});
