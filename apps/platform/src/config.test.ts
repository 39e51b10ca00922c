import { describe, expect, it } from 'vitest';
import { securityConfigFromEnv } from './config.ts';

describe('security configuration', () => {
  it("defaults to the issue's values: asvs, 5 failures lock 15 minutes, 30-minute idle and 8-hour sessions", () => {
    expect(securityConfigFromEnv({})).toEqual({
      passwordProfile: 'asvs',
      lockout: { maxFailures: 5, lockSeconds: 900 },
      session: { idleSeconds: 1800, absoluteSeconds: 28_800 },
      mfa: { requiredRoles: [], maxAttempts: 5 },
    });
  });

  it('reads every setting from the environment', () => {
    const config = securityConfigFromEnv({
      EGOV_PASSWORD_PROFILE: 'mlps',
      EGOV_LOGIN_MAX_FAILURES: '3',
      EGOV_LOGIN_LOCK_MINUTES: '30',
      EGOV_SESSION_IDLE_MINUTES: '10',
      EGOV_SESSION_ABSOLUTE_HOURS: '4',
      EGOV_MFA_REQUIRED_ROLES: 'shield-registrar, identity-verifier',
      EGOV_MFA_MAX_ATTEMPTS: '3',
    });
    expect(config).toEqual({
      passwordProfile: 'mlps',
      lockout: { maxFailures: 3, lockSeconds: 1800 },
      session: { idleSeconds: 600, absoluteSeconds: 14_400 },
      mfa: { requiredRoles: ['shield-registrar', 'identity-verifier'], maxAttempts: 3 },
    });
  });

  it('refuses a bad value instead of weakening the deployment silently', () => {
    expect(() => securityConfigFromEnv({ EGOV_PASSWORD_PROFILE: 'none' })).toThrow();
    expect(() => securityConfigFromEnv({ EGOV_LOGIN_MAX_FAILURES: '0' })).toThrow();
  });
});
