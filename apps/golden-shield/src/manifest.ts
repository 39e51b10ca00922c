import { defineManifest } from '@egov/kernel/manifest';

/** Golden Shield (金盾): the population base database, run by the Ministry of Public Security. */
export const manifest = defineManifest({
  name: 'golden-shield',
  zone: 'internal',
  title: { zh: '金盾工程 人口基础信息库', en: 'Golden Shield: population base database' },
  agency: { code: 'mps', name: 'Ministry of Public Security' },
  portOffset: 1,
  permissions: {
    'golden-shield.birth.register': 'registers a birth, which issues the newborn a resident ID.',
    'golden-shield.household.move': "moves a resident's household registration to another division.",
    'golden-shield.death.record': 'records a death, which closes the resident record.',
    'golden-shield.resident.read': 'reads a resident record, with the resident ID masked.',
    'golden-shield.resident.reveal':
      'shows full resident IDs wherever a resident is read (each reveal is audited).',
    'golden-shield.identity.verify': 'checks that a name and resident ID belong to one living resident.',
    'golden-shield.case.open': 'opens a case about a resident on file, on another agency’s referral.',
    'golden-shield.case.attach': 'attaches findings to a case that was referred to the caller’s agency.',
    'golden-shield.case.read':
      'reads a case opened for the caller’s agency (all cases for shield officials).',
  },
  roles: {
    'shield-registrar': {
      description: 'registers births, moves and deaths; may reveal full resident IDs',
      permissions: [
        'golden-shield.birth.register',
        'golden-shield.household.move',
        'golden-shield.death.record',
        'golden-shield.resident.read',
        'golden-shield.resident.reveal',
      ],
    },
    'shield-clerk': {
      description: 'reads residents, with IDs masked',
      permissions: ['golden-shield.resident.read'],
    },
    'case-officer': {
      description: 'reads the cases opened on other agencies’ referrals, with full resident IDs',
      permissions: ['golden-shield.case.read', 'golden-shield.resident.reveal'],
    },
    'identity-verifier': {
      description: 'checks name and ID pairs',
      permissions: ['golden-shield.identity.verify'],
    },
  },
  events: { publishes: ['golden-shield.death.recorded.v1'], consumes: [] },
});
