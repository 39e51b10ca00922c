import { randomUUID } from 'node:crypto';
import { type CryptoKey, SignJWT } from 'jose';

/** The audience of service assertions: the platform's token endpoint. */
export const SERVICE_ASSERTION_AUDIENCE = 'egov-platform';
/** Longest lifetime the platform accepts for an assertion. */
export const SERVICE_ASSERTION_MAX_SECONDS = 300;

/**
 * A client assertion (RFC 7523 style) with which an app proves its own
 * identity to the platform: signed by the app's own Ed25519 key, `iss` and
 * `sub` are the app's name, single-use by `jti`, valid for 60 seconds.
 *
 * @example
 * const assertion = await signServiceAssertion(privateKey, 'golden-tax');
 * // POST /trpc/auth.serviceToken { assertion, audience: 'golden-shield' }
 */
export async function signServiceAssertion(
  privateKey: CryptoKey,
  app: string,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer(app)
    .setSubject(app)
    .setAudience(SERVICE_ASSERTION_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .setJti(randomUUID())
    .sign(privateKey);
}
