import { defineManifest } from '@egov/kernel/manifest';

/** __titleEn__ (__titleZh__), run by the __agencyName__. */
export const manifest = defineManifest({
  name: '__name__',
  zone: '__zone__',
  title: { zh: '__titleZh__', en: '__titleEn__' },
  agency: { code: '__agencyCode__', name: '__agencyName__' },
  portOffset: __portOffset__,
  permissions: {
    '__name__.notice.publish': 'publishes a notice, which takes effect on its date.',
    '__name__.notice.read': 'reads published notices.',
  },
  roles: {
    '__name__-editor': {
      description: 'publishes and reads the notices of __titleEn__',
      permissions: ['__name__.notice.publish', '__name__.notice.read'],
    },
    '__name__-reader': { description: 'reads the notices of __titleEn__', permissions: ['__name__.notice.read'] },
  },
  calls: {},
  events: { publishes: [], consumes: [] },
});
