import { defineManifest } from '@egov/kernel/manifest';

/** Macroeconomic Management (宏观经济管理), run by the National Development and Reform Commission. */
export const manifest = defineManifest({
  name: 'macroeconomics',
  zone: 'internal',
  title: { zh: '宏观经济管理', en: 'Macroeconomic Management' },
  agency: { code: 'ndrc', name: 'National Development and Reform Commission' },
  portOffset: 10,
  permissions: {
    'macroeconomics.notice.publish': 'publishes a notice, which takes effect on its date.',
    'macroeconomics.notice.read': 'reads published notices.',
  },
  roles: {
    'macroeconomics-editor': {
      description: 'publishes and reads the notices of Macroeconomic Management',
      permissions: ['macroeconomics.notice.publish', 'macroeconomics.notice.read'],
    },
    'macroeconomics-reader': {
      description: 'reads the notices of Macroeconomic Management',
      permissions: ['macroeconomics.notice.read'],
    },
  },
  calls: {},
  events: { publishes: [], consumes: [] },
});
