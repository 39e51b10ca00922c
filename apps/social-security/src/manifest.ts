import { defineManifest } from '@egov/kernel/manifest';

/** Social Security (社会保障), run by the Ministry of Human Resources and Social Security. */
export const manifest = defineManifest({
  name: 'social-security',
  zone: 'internal',
  title: { zh: '社会保障', en: 'Social Security' },
  agency: { code: 'mohrss', name: 'Ministry of Human Resources and Social Security' },
  portOffset: 5,
  permissions: {
    'social-security.insured.enrol':
      'enrols an insured person by resident ID, after golden-shield confirms name and ID.',
    'social-security.insured.read': 'reads insured persons, with resident IDs masked.',
    'social-security.insured.reveal':
      'shows full resident IDs wherever an insured person is read (each reveal is audited).',
    'social-security.employer.register': 'registers an employer by its unified social credit code.',
    'social-security.employer.read': 'reads employers and their employees.',
    'social-security.employment.record': 'records the start or end of an insured person’s employment.',
    'social-security.wage.set': 'sets the local average wage of a year, which bounds contribution bases.',
    'social-security.wage.read': 'reads the average wage of a year and where it comes from.',
    'social-security.declaration.file': "files an employer's monthly contribution declaration.",
    'social-security.declaration.read': 'reads declarations, arrears and personal accounts.',
    'social-security.declaration.pay':
      'records the payment of a declaration, with the late fee owed for the days after it was due.',
    'social-security.card.issue':
      'issues a social-security card with its bank card number, or reissues one reported lost.',
    'social-security.card.report': 'reports a social-security card lost, which blocks it.',
    'social-security.card.read': "reads a person's current card, the bank card number masked.",
    'social-security.pension.award':
      'awards a monthly pension (basic + personal account) to an insured person who reached the statutory age.',
    'social-security.pension.read': 'reads pensions and the recovery claims opened after a death.',
    'social-security.payroll.run': "runs a month's pension payroll through golden-finance (once a month).",
    'social-security.payroll.read': "reads a month's payroll run.",
  },
  roles: {
    'insurance-officer': {
      description: 'enrols insured persons and employers, files declarations; may reveal resident IDs',
      permissions: ['social-security.*'],
    },
    'insurance-clerk': {
      description: 'reads insured persons (IDs masked), employers and declarations',
      permissions: [
        'social-security.insured.read',
        'social-security.employer.read',
        'social-security.wage.read',
        'social-security.declaration.read',
        'social-security.card.read',
        'social-security.pension.read',
        'social-security.payroll.read',
      ],
    },
  },
  // Enrolment checks name and resident ID at golden-shield first; the payroll requests payments at golden-finance.
  calls: {
    'golden-shield': ['golden-shield.identity.verify'],
    'golden-finance': ['golden-finance.payment.request'],
  },
  // Flow 3: a death at golden-shield stops the pension; finance tells which unpaid payments it cancelled.
  // Flow 2: an entity registered at golden-quality gets its employer account, confirmed back.
  events: {
    publishes: ['social-security.employer.registered.v1'],
    consumes: [
      'golden-shield.death.recorded.v1',
      'golden-finance.payment.cancelled.v1',
      'golden-quality.entity.registered.v1',
    ],
  },
});
