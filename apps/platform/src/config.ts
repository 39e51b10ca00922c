import { z } from 'zod';

/**
 * The platform's security settings, one deployment profile read from the
 * environment. Defaults follow the issue: lockout after 5 failures for 15
 * minutes, 30-minute idle and 8-hour absolute sessions, ASVS passwords.
 */
export type PasswordProfileName = 'mlps' | 'asvs';

export interface SecurityConfig {
  /** `mlps` (GB/T 22239-2019 8.1.4.1a) or `asvs` (OWASP ASVS V2.1 / 5.0 V6.2). */
  passwordProfile: PasswordProfileName;
  lockout: { maxFailures: number; lockSeconds: number };
  session: { idleSeconds: number; absoluteSeconds: number };
  /** Roles that need a second factor on top of the administrator roles (which always do). */
  mfa: { requiredRoles: string[]; maxAttempts: number };
}

/** The longest an official's access token lives; revocation entries and retired keys outlive it by this much. */
export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** A session that can only complete a step (second factor, password change) gets less time to do it. */
export const STEP_TOKEN_SECONDS = 5 * 60;
/** Verifiers accept tokens this far past `exp` (the kernel verifier's default tolerance). */
export const CLOCK_TOLERANCE_SECONDS = 5;

const minutes = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const Env = z.object({
  EGOV_PASSWORD_PROFILE: z.enum(['mlps', 'asvs']).default('asvs'),
  EGOV_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  EGOV_LOGIN_LOCK_MINUTES: minutes(15, 24 * 60),
  EGOV_SESSION_IDLE_MINUTES: minutes(30, 24 * 60),
  EGOV_SESSION_ABSOLUTE_HOURS: minutes(8, 7 * 24),
  EGOV_MFA_REQUIRED_ROLES: z.string().default(''),
  EGOV_MFA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
});

/**
 * Reads the security profile from environment variables; a bad value stops
 * the platform at start-up instead of weakening it silently.
 *
 * @example
 * const config = securityConfigFromEnv({ EGOV_PASSWORD_PROFILE: 'mlps' }); // config.lockout.maxFailures === 5
 */
export function securityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const e = Env.parse(env);
  return {
    passwordProfile: e.EGOV_PASSWORD_PROFILE,
    lockout: { maxFailures: e.EGOV_LOGIN_MAX_FAILURES, lockSeconds: e.EGOV_LOGIN_LOCK_MINUTES * 60 },
    session: {
      idleSeconds: e.EGOV_SESSION_IDLE_MINUTES * 60,
      absoluteSeconds: e.EGOV_SESSION_ABSOLUTE_HOURS * 3600,
    },
    mfa: {
      requiredRoles: e.EGOV_MFA_REQUIRED_ROLES.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      maxAttempts: e.EGOV_MFA_MAX_ATTEMPTS,
    },
  };
}

let current: SecurityConfig | undefined;

/**
 * The deployment's settings, read once from `process.env`.
 *
 * @example
 * const { maxFailures } = securityConfig().lockout;
 */
export function securityConfig(): SecurityConfig {
  current ??= securityConfigFromEnv();
  return current;
}

/**
 * Replaces parts of the settings (tests switch profiles this way) and returns
 * the function that puts the previous settings back.
 *
 * @example
 * const restore = configureSecurity({ passwordProfile: 'mlps' });
 * try { ... } finally { restore(); }
 */
export function configureSecurity(overrides: Partial<SecurityConfig>): () => void {
  const previous = securityConfig();
  current = { ...previous, ...overrides };
  return () => {
    current = previous;
  };
}
