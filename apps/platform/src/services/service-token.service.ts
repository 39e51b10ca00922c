import { DomainError } from '@egov/kernel/errors';
import { signAccessToken } from '@egov/kernel/identity';
import { decodeJwt, errors, importJWK, jwtVerify } from 'jose';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { SERVICE_ASSERTION_AUDIENCE, SERVICE_ASSERTION_MAX_SECONDS } from '@egov/kernel/identity';
import { findServiceAccount } from './service.service.ts';

/** Service tokens live five minutes; the kernel client refreshes them at 80 %. */
export const SERVICE_TOKEN_TTL_SECONDS = 5 * 60;
const CLOCK_TOLERANCE_SECONDS = 5;

const refused = (reason: string) => new DomainError('UNAUTHORIZED', `service assertion refused: ${reason}`);

/**
 * Exchanges an app's signed assertion (see `signServiceAssertion`) for a
 * platform access token addressed to `audience`. The assertion must verify
 * with the app's enrolled key, be addressed to the platform, expire within
 * five minutes, and not have been used before.
 *
 * @example
 * const { accessToken } = await exchangeAssertion(db, keys, { assertion, audience: 'golden-shield' }, new Date());
 */
export async function exchangeAssertion(
  db: PlatformDb,
  keys: KeyStore,
  request: { assertion: string; audience: string },
  now: Date,
): Promise<{ accessToken: string; expiresIn: number }> {
  const name = claimedIssuer(request.assertion);
  const account = await findServiceAccount(db, name);
  if (!account) throw refused(`no service named ${name} is enrolled`);
  if (account.revoked_at)
    throw refused(`the service ${name} was revoked at ${account.revoked_at.toISOString()}`);

  let exp: number;
  let jti: string;
  try {
    const key = await importJWK(account.public_jwk, 'EdDSA');
    const { payload } = await jwtVerify(request.assertion, key, {
      issuer: name,
      subject: name,
      audience: SERVICE_ASSERTION_AUDIENCE,
      algorithms: ['EdDSA'],
      requiredClaims: ['exp', 'jti'],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    exp = payload.exp!;
    jti = String(payload.jti);
  } catch (error) {
    throw refused(reasonOf(error));
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (exp - nowSeconds > SERVICE_ASSERTION_MAX_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    throw refused(`exp is more than ${SERVICE_ASSERTION_MAX_SECONDS} seconds ahead`);
  }
  if (jti.length > 200) throw refused('jti is too long');

  // An id is kept exactly as long as its assertion could still verify; after
  // that the expiry check refuses a replay, so older ids can go. A bounded
  // batch that skips rows another exchange is purging keeps exchanges from queueing.
  await db
    .deleteFrom('service_assertion_jti')
    .where('jti', 'in', (eb) =>
      eb
        .selectFrom('service_assertion_jti')
        .select('jti')
        .where('expires_at', '<', now)
        .limit(100)
        .forUpdate()
        .skipLocked(),
    )
    .execute();
  const fresh = await db
    .insertInto('service_assertion_jti')
    .values({ jti, expires_at: new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000) })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst();
  if (!fresh) throw new DomainError('UNAUTHORIZED', 'assertion replayed');

  const accessToken = await signAccessToken(
    await keys.activeSigningKey(),
    { typ: 'service', sub: `service:${name}`, zone: account.zone, perms: account.permissions },
    { audience: request.audience, ttlSeconds: SERVICE_TOKEN_TTL_SECONDS, now },
  );
  return { accessToken, expiresIn: SERVICE_TOKEN_TTL_SECONDS };
}

/** The unverified `iss`, only to find which enrolled key to verify with. */
function claimedIssuer(assertion: string): string {
  let iss: unknown;
  try {
    ({ iss } = decodeJwt(assertion));
  } catch {
    throw refused('malformed');
  }
  if (typeof iss !== 'string' || !/^[a-z][a-z0-9-]{0,62}$/.test(iss))
    throw refused('iss is not a service name');
  return iss;
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} is invalid`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  return 'malformed';
}
