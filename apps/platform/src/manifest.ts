import { defineManifest } from '@egov/kernel/manifest';

/** The platform: identity provider, trust system, service registry, catalog and exchange (S1.4, S3.1, S5.2). */
export const manifest = defineManifest({
  name: 'platform',
  zone: 'internal',
  title: { zh: '政务服务平台', en: 'the e-government platform' },
  agency: { code: 'platform', name: 'national e-government office' },
  portOffset: 0,
  permissions: {
    'platform.agency.manage': 'creates and edits agencies.',
    'platform.official.manage': 'creates, edits and disables officials.',
    'platform.official.read': 'reads officials and their roles.',
    'platform.role.manage': 'creates and edits ordinary roles.',
    'platform.role.read': 'reads roles.',
    'platform.role.assign': 'grants and withdraws roles of officials.',
    'platform.account.unlock': 'unlocks an account locked after failed logins.',
    'platform.password.change': "changes one's own password.",
    'platform.session.end': "ends one's own session (logout).",
    'platform.mfa.enrol': 'enrols a TOTP second factor for oneself.',
    'platform.mfa.verify': 'completes a login with the second factor.',
    'platform.mfa.reset': "removes an official's second factor so they enrol again.",
    'platform.key.read': "reads the platform's signing keys (public parts).",
    'platform.key.rotate': "rotates the platform's signing keys.",
    'platform.service.manage': "enrols an app's service key and sets its permissions.",
    'platform.service.read': 'reads enrolled services.',
    'platform.registry.register': "publishes an app's own address in the registry.",
    'platform.registry.read': 'resolves apps by name through the registry.',
    'platform.catalog.manage': "registers and edits an agency's information resources in the catalog.",
    'platform.catalog.read': 'searches the catalog and lists grants.',
    'platform.exchange.request': 'asks an owner agency for access to a conditional resource.',
    'platform.exchange.decide': "grants or refuses other agencies' access requests.",
    'platform.exchange.token': 'fetches a signed grant token to present to an owner app.',
    'platform.seal.issue': "issues a seal certificate for an agency's key.",
    'platform.seal.revoke': 'revokes a seal certificate.',
  },
  // The three administrator roles come with the schema (migration `separate_administrators`).
  // The catalog and exchange are run by agency officials (allowed in ordinary roles since migration 20261128T0700).
  roles: {
    'catalog-steward': {
      description:
        "registers the agency's information resources and decides other agencies' requests for them",
      permissions: ['platform.catalog.manage', 'platform.catalog.read', 'platform.exchange.decide'],
    },
    'exchange-requester': {
      description:
        "searches the catalog and asks other agencies for access to their resources for the agency's systems",
      permissions: ['platform.catalog.read', 'platform.exchange.request'],
    },
  },
  events: { publishes: [], consumes: [] },
});
