import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { type AccessTokenClaims, PLATFORM_ISSUER } from './claims.ts';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A fresh Ed25519 signing key with its public half as a JWK (for a JWKS). */
export async function generateSigningKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { kid, privateKey, publicJwk };
}

export interface IssueOptions {
  audience: string;
  ttlSeconds: number;
  now?: Date;
}

/**
 * Signs an access token. Only the platform's identity provider (and test
 * fixtures) call this; every other app only verifies.
 *
 * @example
 * const token = await signAccessToken(key, { typ: 'service', sub: 'service:golden-tax', zone: 'internal', perms: [] }, { audience: 'golden-shield', ttlSeconds: 300 });
 */
export async function signAccessToken(
  key: SigningKey,
  claims: AccessTokenClaims,
  options: IssueOptions,
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt' })
    .setIssuer(PLATFORM_ISSUER)
    .setAudience(options.audience)
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(key.privateKey);
}
