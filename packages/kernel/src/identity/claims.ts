import { z } from 'zod';

/** The claims the platform puts in an access token (beyond iss, aud, exp, iat, jti). */
export const accessTokenClaims = z.discriminatedUnion('typ', [
  z.object({
    typ: z.literal('official'),
    sub: z.string().startsWith('official:'),
    username: z.string(),
    agency: z.string(),
    roles: z.array(z.string()),
    perms: z.array(z.string()),
    /** The login session, so logout can revoke it everywhere. */
    sid: z.string().optional(),
    /** How the official authenticated (RFC 8176): `pwd`, `otp`. */
    amr: z.array(z.string()).optional(),
    /**
     * Object-level scopes from the official's assignments at the platform: per kind of owned object, the ids
     * the official may act on (`{ 'budget-unit': ['201001'] }`; `'*'` for every object of the kind).
     */
    scopes: z.record(z.string(), z.array(z.string())).optional(),
  }),
  z.object({
    typ: z.literal('service'),
    sub: z.string().startsWith('service:'),
    zone: z.enum(['internal', 'external', 'public']),
    perms: z.array(z.string()),
  }),
]);

export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

/** The issuer every kernel verifier expects. */
export const PLATFORM_ISSUER = 'egov-platform';
/** The audience of tokens meant for any app (officials' sessions). */
export const PLATFORM_AUDIENCE = 'egov';
