import { defineManifest } from '@egov/kernel/manifest';

/** Social Security (社会保障), run by the Ministry of Human Resources and Social Security. */
export const manifest = defineManifest({
  name: 'social-security',
  zone: 'internal',
  title: { zh: '社会保障', en: 'Social Security' },
  agency: { code: 'mohrss', name: 'Ministry of Human Resources and Social Security' },
  portOffset: 5,
  permissions: {
    'social-security.notice.publish': 'publishes a notice, which takes effect on its date.',
    'social-security.notice.read': 'reads published notices.',
  },
  roles: {
    'social-security-editor': {
      description: 'publishes and reads the notices of Social Security',
      permissions: ['social-security.notice.publish', 'social-security.notice.read'],
    },
    'social-security-reader': {
      description: 'reads the notices of Social Security',
      permissions: ['social-security.notice.read'],
    },
  },
  calls: {},
  events: { publishes: [], consumes: [] },
});
