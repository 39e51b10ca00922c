import type { AppDatabase } from '@egov/kernel/db';
import { createTokenVerifier, type TokenVerifier } from '@egov/kernel/identity';
import type { PlatformDatabase } from './database.ts';
import { keyStoreFor } from './keys/keystore.ts';

/**
 * What the launcher needs to stand the platform up without HTTP: the app,
 * its migrations, a verifier for its own tokens, and direct writes for the
 * bootstrap steps that cannot go through the API (no token exists yet).
 */
export { platformApp } from './app.ts';
export type { PlatformDatabase } from './database.ts';
export { ensureActiveKey } from './keys/key.service.ts';
export { migrations } from './migrations/index.ts';
export { registerDirect } from './registry/registry.service.ts';
export type { Registration } from './registry/registry.schemas.ts';
export { demoAccounts } from './seed.ts';
export { signServiceAssertion } from '@egov/kernel/identity';
export { type Enrolment, enrolService } from './services/service.service.ts';

/**
 * The platform verifies its own tokens locally, straight from its key table
 * (no JWKS round trip to itself). Audience `platform`: tokens for the platform
 * or for every app (`egov`).
 *
 * @example
 * const database = await createDatabase<PlatformDatabase>(databaseConfigFromEnv('platform'));
 * const app = await createAgencyApp(platformApp, { database, verifyToken: createPlatformVerifier(database) });
 */
export function createPlatformVerifier(database: AppDatabase<PlatformDatabase>): TokenVerifier {
  return createTokenVerifier({ keys: { getKey: keyStoreFor(database.db).getKey }, audience: 'platform' });
}
