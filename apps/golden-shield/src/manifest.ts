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
    'identity-verifier': {
      description: 'checks name and ID pairs',
      permissions: ['golden-shield.identity.verify'],
    },
  },
  events: { publishes: ['golden-shield.death.recorded.v1'], consumes: [] },
});
