import { pingDatabase, startAgencyApp, waitForServices, where, withEmbeddedDatabase } from '@egov/kernel/app';
import { createDatabase, databaseConfigFromEnv } from '@egov/kernel/db';
import { createLogger } from '@egov/kernel/log';
import { z } from 'zod';
import { platformApp } from './app.ts';
import { securityConfig } from './config.ts';
import type { PlatformDatabase } from './database.ts';
import { ensureActiveKey } from './keys/key.service.ts';
import { sealStoredSecrets } from './mfa/secrets.ts';
import { createPlatformVerifier } from './provisioning.ts';
import { registerDirect } from './registry/registry.service.ts';

/**
 * Runs the platform alone (`pnpm --filter @egov/platform start`); `egov start`
 * runs it together with every agency app. On `DATABASE_URL`, or the embedded
 * PostgreSQL started by `pnpm egov db start`.
 */
const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(4100),
    HOST: z.string().min(1).default('127.0.0.1'),
    EGOV_ADVERTISE_URL: z.url().optional(),
    EGOV_SEED: z.enum(['true', 'false']).default('true'),
    EGOV_LOG_LEVEL: z.string().default('info'),
  })
  .parse(process.env);

const log = createLogger({ name: 'platform', level: env.EGOV_LOG_LEVEL });
const databaseEnv = withEmbeddedDatabase(process.env);
// A database that does not answer yet is waited for (/readyz 503 naming it), as by every lone app.
await waitForServices<[undefined]>(
  [
    {
      what: `the database at ${where(databaseEnv.DATABASE_URL!)}`,
      attempt: () => pingDatabase(databaseEnv.DATABASE_URL!),
    },
  ],
  { appName: 'platform', port: env.PORT, hostname: env.HOST, log },
);
const database = await createDatabase<PlatformDatabase>(databaseConfigFromEnv('platform', databaseEnv));
// The platform's own key signs its audit tree heads, as every app's does.
const { serving } = await startAgencyApp(platformApp, {
  database,
  port: env.PORT,
  hostname: env.HOST,
  verifyToken: createPlatformVerifier(database),
  register: false,
  logger: log,
});
await ensureActiveKey(database.db);
await sealStoredSecrets(database.db);
if (env.EGOV_SEED === 'true') await platformApp.seed?.(database, log);
await registerDirect(database.db, {
  name: 'platform',
  zone: platformApp.zone,
  baseUrl: env.EGOV_ADVERTISE_URL ?? serving.url,
  version: '0.0.0',
});
const security = securityConfig();
log.info(
  {
    url: serving.url,
    jwks: `${serving.url}/.well-known/jwks.json`,
    revocations: `${serving.url}/.well-known/revocations`,
    passwordProfile: security.passwordProfile,
    lockout: security.lockout,
    session: security.session,
    mfaRequiredRoles: ['system-admin', 'security-admin', 'audit-admin', ...security.mfa.requiredRoles],
  },
  'platform ready',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void serving.stop().then(() => process.exit(0)));
}
