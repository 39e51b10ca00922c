import { defineManifest } from '@egov/kernel/manifest';

/** Golden Audit (金审工程), run by the National Audit Office. */
export const manifest = defineManifest({
  name: 'golden-audit',
  zone: 'internal',
  title: { zh: '金审工程', en: 'Golden Audit' },
  agency: { code: 'cnao', name: 'National Audit Office' },
  portOffset: 6,
  permissions: {
    'golden-audit.notice.publish': 'publishes a notice, which takes effect on its date.',
    'golden-audit.notice.read': 'reads published notices.',
  },
  roles: {
    'golden-audit-editor': {
      description: 'publishes and reads the notices of Golden Audit',
      permissions: ['golden-audit.notice.publish', 'golden-audit.notice.read'],
    },
    'golden-audit-reader': {
      description: 'reads the notices of Golden Audit',
      permissions: ['golden-audit.notice.read'],
    },
  },
  calls: {},
  events: { publishes: [], consumes: [] },
});
