import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose';
import { DomainError } from '../errors/domain-error.ts';
import { accessTokenClaims, PLATFORM_AUDIENCE, PLATFORM_ISSUER } from './claims.ts';
import type { Principal } from './principal.ts';
import type { RevocableClaims, Revocations } from './revocation.ts';

export type KeySource =
  | { jwksUrl: string }
  | { jwks: JSONWebKeySet }
  | { getKey: Parameters<typeof jwtVerify>[1] };

export interface TokenVerifierOptions {
  keys: KeySource;
  /** This app's name: tokens addressed to it, or to every app, are accepted. */
  audience: string;
  clockToleranceSeconds?: number;
  /** Sessions and subjects the platform has revoked (logout, disabled accounts). */
  revocations?: Pick<Revocations, 'isRevoked'>;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export function keyGetter(keys: KeySource) {
  if ('jwksUrl' in keys)
    return createRemoteJWKSet(new URL(keys.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 60_000 });
  if ('jwks' in keys) return createLocalJWKSet(keys.jwks);
  return keys.getKey;
}

/**
 * Verifies platform-issued EdDSA access tokens locally with jose (the keys
 * come from the platform's JWKS, cached), and turns the claims into a
 * principal. Every failure is an `UNAUTHORIZED` domain error with a reason
 * that never repeats the token.
 *
 * @example
 * const verify = createTokenVerifier({ keys: { jwksUrl: 'http://127.0.0.1:4100/.well-known/jwks.json' }, audience: 'golden-shield' });
 * const principal = await verify(bearerToken);
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const verifyUncached = verifierWithoutCache(options);
  // A verified token is remembered until it expires: the EdDSA check costs ~100 us, more than the rest of a
  // request. Only the exact same string hits, and revocation is still checked on every use.
  const cache = new Map<string, { principal: Principal; exp: number; claims: RevocableClaims }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit && hit.exp > Date.now() / 1000) {
      if (options.revocations?.isRevoked(hit.claims))
        throw new DomainError('UNAUTHORIZED', 'access token refused: session has ended');
      return hit.principal;
    }
    const { principal, exp, claims } = await verifyUncached(token);
    if (cache.size >= 10_000) cache.delete(cache.keys().next().value!);
    cache.set(token, { principal, exp, claims });
    return principal;
  };
}

function verifierWithoutCache(options: TokenVerifierOptions) {
  const getKey = keyGetter(options.keys);
  const audience = [options.audience, PLATFORM_AUDIENCE];
  return async (token: string): Promise<{ principal: Principal; exp: number; claims: RevocableClaims }> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, getKey as Parameters<typeof jwtVerify>[1], {
        issuer: PLATFORM_ISSUER,
        audience,
        algorithms: ['EdDSA'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      throw new DomainError('UNAUTHORIZED', `access token refused: ${reasonOf(error)}`);
    }
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) throw new DomainError('UNAUTHORIZED', 'access token refused: claims are malformed');
    const c = claims.data;
    const iat = Number((payload as { iat?: number }).iat);
    const revocable: RevocableClaims = { sub: c.sub, sid: c.typ === 'official' ? c.sid : undefined, iat };
    if (options.revocations?.isRevoked(revocable)) {
      throw new DomainError('UNAUTHORIZED', 'access token refused: session has ended');
    }
    const exp = Number((payload as { exp?: number }).exp);
    if (c.typ === 'official') {
      const principal: Principal = {
        kind: 'official',
        id: c.sub,
        username: c.username,
        agency: c.agency,
        roles: c.roles,
        permissions: c.perms,
        ...(c.sid ? { sessionId: c.sid } : {}),
        ...(c.amr ? { amr: c.amr } : {}),
        ...(c.scopes ? { scopes: c.scopes } : {}),
      };
      return { principal, exp, claims: revocable };
    }
    const principal: Principal = {
      kind: 'service',
      id: c.sub,
      app: c.sub.slice('service:'.length),
      zone: c.zone,
      permissions: c.perms,
    };
    return { principal, exp, claims: revocable };
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed by an unknown or retired key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  if (error instanceof errors.JWKSTimeout) return 'key set unavailable';
  return 'invalid';
}

/** Reads `Authorization: Bearer <token>`; undefined when absent, UNAUTHORIZED when present but not a bearer token. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (header === undefined || header === null || header === '') return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match?.[1]) throw new DomainError('UNAUTHORIZED', 'authorization header must be "Bearer <token>"');
  return match[1];
}
