import type { AppDatabase } from '@egov/kernel/db';
import { createTokenVerifier, type TokenVerifier } from '@egov/kernel/identity';
import { DomainError } from '@egov/kernel/errors';
import { decodeJwt } from 'jose';
import type { PlatformDatabase } from './database.ts';
import { keyStoreFor } from './keys/keystore.ts';
import { findServiceAccount } from './services/service.service.ts';
import { assertSessionLive } from './sessions/revocations.ts';

/**
 * What the launcher needs to stand the platform up without HTTP: the app,
 * its migrations, a verifier for its own tokens, and direct writes for the
 * bootstrap steps that cannot go through the API (no token exists yet).
 */
export { platformApp } from './app.ts';
export type { PlatformDatabase } from './database.ts';
export { ensureActiveKey } from './keys/key.service.ts';
export { sealStoredSecrets } from './mfa/secrets.ts';
export { migrations } from './migrations/index.ts';
export { registerDirect } from './registry/registry.service.ts';
export type { Registration } from './registry/registry.schemas.ts';
export { demoAccounts, seedPlatform } from './seed.ts';
export { signServiceAssertion } from '@egov/kernel/identity';
export { type Enrolment, enrolService } from './services/service.service.ts';

/**
 * The platform verifies its own tokens locally, straight from its key table
 * (no JWKS round trip to itself), and checks officials' sessions in its own
 * tables on every request, so a logout or a disabled account takes effect at
 * the platform immediately (other apps: within one revocation poll). It also
 * carries the session id and authentication methods into the principal.
 * Audience `platform`: tokens for the platform or for every app (`egov`).
 *
 * @example
 * const database = await createDatabase<PlatformDatabase>(databaseConfigFromEnv('platform'));
 * const app = await createAgencyApp(platformApp, { database, verifyToken: createPlatformVerifier(database) });
 */
export function createPlatformVerifier(
  database: AppDatabase<PlatformDatabase>,
  now: () => Date = () => new Date(),
): TokenVerifier {
  const verify = createTokenVerifier({
    keys: { getKey: keyStoreFor(database.db).getKey },
    audience: 'platform',
  });
  return async (token) => {
    const principal = await verify(token);
    if (principal.kind === 'service') {
      // A revoked service is refused here at once; other apps refuse it within one revocation poll.
      const account = await findServiceAccount(database.db, principal.app);
      if (account?.revoked_at)
        throw new DomainError('UNAUTHORIZED', `access token refused: service ${principal.app} is revoked`);
      return principal;
    }
    if (principal.kind !== 'official') return principal;
    // Already verified above; decoding again only reads the claims the kernel's principal leaves out.
    const { sid, amr, iat } = decodeJwt(token);
    const sessionId = typeof sid === 'string' ? sid : undefined;
    await assertSessionLive(database.db, { sub: principal.id, sid: sessionId, iat: iat ?? 0 }, now());
    const methods = Array.isArray(amr) ? amr.filter((m): m is string => typeof m === 'string') : undefined;
    return { ...principal, ...(sessionId ? { sessionId } : {}), ...(methods ? { amr: methods } : {}) };
  };
}
