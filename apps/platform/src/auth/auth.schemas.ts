import { z } from 'zod';
import { AppName } from '../schemas.ts';

/** Loose on purpose: the password rules of today must not lock out passwords set under older rules. */
export const LoginInput = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const PendingStep = z.enum(['mfa-verify', 'mfa-enrol', 'password-change']).nullable();

/** Login, refresh, second factor and password change all answer with the session's next token. */
export const SessionTokens = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  pending: PendingStep,
  official: z.object({
    id: z.uuid(),
    username: z.string(),
    agency: z.string(),
    roles: z.array(z.string()),
  }),
});

export const LoginOutput = SessionTokens.extend({ refreshToken: z.string() });

export const RefreshInput = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** The new password is checked by the deployment's profile, which names the rule; this only bounds the work. */
export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const ServiceTokenInput = z.strictObject({
  assertion: z.string().min(1).max(4096),
  /** The app the token is for, or `egov` for every app. */
  audience: AppName,
});

export const ServiceTokenOutput = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
