/**
 * What a session may do beyond its roles, and what it may do while a step of
 * authentication is still open. Role permissions come from the `role` table;
 * the three administrator roles and their disjoint permission sets are
 * defined (and frozen) by migration `20261127T0720_separate_administrators`.
 */

/** Every fully authenticated official may end their session, change their password and enrol a second factor. */
export const SELF_SERVICE = [
  'platform.mfa.enrol',
  'platform.password.change',
  'platform.session.end',
] as const;

/**
 * A session that still owes a step. While it does, its token carries only the
 * permission to take that step: a stolen password alone opens nothing else.
 */
export type PendingStep = 'mfa-verify' | 'mfa-enrol' | 'password-change';

export const STEP_GRANTS: Record<PendingStep, readonly string[]> = {
  'mfa-verify': ['platform.mfa.verify'],
  'mfa-enrol': ['platform.mfa.enrol'],
  'password-change': ['platform.password.change'],
};

/** The national e-government office: its administrators manage every agency; others only their own. */
export const NATIONAL_AGENCY = 'platform';

/** What is known about a session when its next token is issued. */
export interface SessionState {
  mfaActive: boolean;
  mfaRequired: boolean;
  /** RFC 8176 methods the session has completed. */
  amr: readonly string[];
  passwordExpired: boolean;
}

/**
 * The step a session still owes, in the order they are taken: the second
 * factor first (whoever knows only the password learns nothing else), then
 * enrolment if one is required but missing, then an expired password.
 *
 * @example
 * pendingStep({ mfaActive: true, mfaRequired: true, amr: ['pwd'], passwordExpired: false }); // 'mfa-verify'
 */
export function pendingStep(state: SessionState): PendingStep | null {
  if (state.mfaActive && !state.amr.includes('otp')) return 'mfa-verify';
  if (state.mfaRequired && !state.mfaActive) return 'mfa-enrol';
  if (state.passwordExpired) return 'password-change';
  return null;
}

/**
 * The `platform.*` grants an ordinary (non-administrator) role may hold: the
 * catalog and exchange are run by agency officials (catalog stewards,
 * liaisons), not by the three administrators. `platform.exchange.token` is
 * not among them: grant tokens go to service identities only. Migration
 * `20261128T0700_catalog_grants_in_ordinary_roles` holds the same list in the database.
 */
export const ORDINARY_PLATFORM_GRANTS = [
  'platform.catalog.*',
  'platform.catalog.manage',
  'platform.catalog.read',
  'platform.exchange.decide',
  'platform.exchange.request',
] as const;

/**
 * Whether a grant belongs to the administrator roles only: `kernel.*` and
 * `platform.*`, except the catalog and exchange grants above.
 *
 * @example
 * isAdministrative('platform.role.manage'); // true
 * isAdministrative('platform.catalog.read'); // false
 * isAdministrative('platform.exchange.*'); // true: it would cover platform.exchange.token
 */
export function isAdministrative(grant: string): boolean {
  if (!/^(platform|kernel)\./.test(grant)) return false;
  return !(ORDINARY_PLATFORM_GRANTS as readonly string[]).includes(grant);
}
