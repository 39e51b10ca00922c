import { DomainError } from '@egov/kernel/errors';
import { type PasswordProfileName, securityConfig } from '../config.ts';
import { isCommonPassword } from './blocklist.ts';

/**
 * The two deployment profiles (see README, "Password profiles"):
 * - `mlps`: GB/T 22239-2019 8.1.4.1a, complexity and periodic change: at
 *   least 8 characters from at least 3 of 4 classes, changed every 90 days.
 * - `asvs`: OWASP ASVS 4.0 V2.1 / 5.0 V6.2 and NIST SP 800-63B: length over
 *   complexity, at least 8 characters with a second factor and 15 without,
 *   no composition rules, no forced rotation.
 * Both refuse common and breached passwords and allow up to 128 characters.
 */
export interface PasswordProfile {
  name: PasswordProfileName;
  /** Minimum for accounts with a second factor, and for everyone when `singleFactorMinLength` is equal. */
  minLength: number;
  singleFactorMinLength: number;
  maxLength: number;
  /** Of lower case, upper case, digits and other characters; 0 for no composition rule. */
  minClasses: number;
  /** After this many days the password can only be changed; null: no forced rotation. */
  maxAgeDays: number | null;
}

export const passwordProfiles: Record<PasswordProfileName, PasswordProfile> = {
  mlps: {
    name: 'mlps',
    minLength: 8,
    singleFactorMinLength: 8,
    maxLength: 128,
    minClasses: 3,
    maxAgeDays: 90,
  },
  asvs: {
    name: 'asvs',
    minLength: 8,
    singleFactorMinLength: 15,
    maxLength: 128,
    minClasses: 0,
    maxAgeDays: null,
  },
};

/** What the policy knows about whose password it is. */
export interface PasswordContext {
  username: string;
  /** A second factor is active or required, so the shorter minimum applies. */
  multiFactor: boolean;
}

export interface PolicyBreak {
  rule: 'too_short' | 'too_long' | 'character_classes' | 'common' | 'username';
  message: string;
}

const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/**
 * The deployment's active profile.
 *
 * @example
 * activeProfile().name; // 'asvs' unless EGOV_PASSWORD_PROFILE=mlps
 */
export function activeProfile(): PasswordProfile {
  return passwordProfiles[securityConfig().passwordProfile];
}

/**
 * Every rule `password` breaks under `profile`; empty when it is acceptable.
 * Length counts Unicode code points, so any script and spaces are welcome.
 *
 * @example
 * checkPassword('Abc12345', { username: 'li.wei', multiFactor: false }, passwordProfiles.asvs);
 * // [{ rule: 'too_short', ... }]
 */
export function checkPassword(
  password: string,
  context: PasswordContext,
  profile: PasswordProfile = activeProfile(),
): PolicyBreak[] {
  const breaks: PolicyBreak[] = [];
  const length = [...password].length;
  const min = context.multiFactor ? profile.minLength : profile.singleFactorMinLength;
  if (length < min) breaks.push({ rule: 'too_short', message: `must be at least ${min} characters` });
  if (length > profile.maxLength)
    breaks.push({ rule: 'too_long', message: `must be at most ${profile.maxLength} characters` });
  const used = classes.filter((c) => c.test(password)).length;
  if (used < profile.minClasses) {
    breaks.push({
      rule: 'character_classes',
      message: `must mix at least ${profile.minClasses} of: lower case, upper case, digits, other characters`,
    });
  }
  if (isCommonPassword(password))
    breaks.push({ rule: 'common', message: 'is on the list of common or breached passwords' });
  if (password.toLowerCase() === context.username.toLowerCase())
    breaks.push({ rule: 'username', message: 'must not be the username' });
  return breaks;
}

/**
 * Throws `INVALID` naming `field` and the first broken rule; the message lists
 * every broken rule, so one answer tells the user all that is wrong.
 *
 * @example
 * assertPassword(input.password, { username: input.username, multiFactor: false }); // field `password`
 */
export function assertPassword(
  password: string,
  context: PasswordContext,
  field = 'password',
  profile: PasswordProfile = activeProfile(),
): void {
  const breaks = checkPassword(password, context, profile);
  if (breaks.length === 0) return;
  const message = `${field} ${breaks.map((b) => b.message).join('; ')} (${profile.name} password profile)`;
  throw new DomainError('INVALID', message, { field, rule: breaks[0]!.rule });
}

/**
 * Whether a password set at `changedAt` is past the profile's maximum age:
 * its holder may then only change it.
 *
 * @example
 * passwordExpired(new Date('2026-01-01'), new Date('2026-06-01'), passwordProfiles.mlps); // true
 */
export function passwordExpired(
  changedAt: Date,
  now: Date,
  profile: PasswordProfile = activeProfile(),
): boolean {
  if (profile.maxAgeDays === null) return false;
  return now.getTime() - changedAt.getTime() > profile.maxAgeDays * 86_400_000;
}
