import { z } from 'zod';
import { join } from 'node:path';
import { databaseConfigFromEnv, dataRoot, schemaNameFor } from '../db/config.ts';
import { embeddedServerStatus } from '../db/embedded-server.ts';
import { createLogger } from '../log/logger.ts';
import { transportFromEnv } from '../messaging/transport.ts';
import type { AgencyAppDefinition } from './define.ts';
import { startAgencyApp } from './start.ts';

const standaloneEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  EGOV_PLATFORM_URL: z.url({
    message: 'EGOV_PLATFORM_URL must be the platform URL, e.g. http://127.0.0.1:4100',
  }),
  EGOV_SEED: z.enum(['true', 'false']).default('false'),
  EGOV_LOG_LEVEL: z.string().default('info'),
  EGOV_VERSION: z.string().default('0.0.0'),
});

/**
 * A lone app without `DATABASE_URL` uses the embedded PostgreSQL running
 * under the data root (`pnpm egov db start`, or a running `egov start`).
 */
export function withEmbeddedDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.DATABASE_URL) return env;
  const running = embeddedServerStatus(join(dataRoot(env), 'postgres'));
  if (!running)
    throw new Error(
      'no database: set DATABASE_URL, or start the embedded PostgreSQL with `pnpm egov db start` first',
    );
  return { ...env, DATABASE_URL: running.url };
}

/**
 * Runs one agency app in its own process (the distributed mode, or one app
 * beside a running platform): database from `DATABASE_URL` or the embedded server, tokens
 * checked against the platform's JWKS, registered in the platform's registry,
 * stopped cleanly on SIGINT or SIGTERM. An app's `src/main.ts` is one call.
 *
 * @example
 * await runStandalone(goldenShield);
 */
export async function runStandalone<DB>(
  definition: AgencyAppDefinition<DB>,
  rawEnv: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const parsed = standaloneEnv.safeParse(rawEnv);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${definition.name}: bad environment: ${problems}`);
  }
  const env = parsed.data;
  const log = createLogger({ name: definition.name, level: env.EGOV_LOG_LEVEL });
  // JetStream when NATS_URL is set (the distributed mode). Alone in its process without NATS, an app has no
  // one to deliver to: an in-process bus would mark events sent with no subscriber, so none is started and
  // events wait in the outbox until the app runs with NATS_URL.
  const transport = rawEnv.NATS_URL ? await transportFromEnv(rawEnv, log) : undefined;
  if (!transport) log.warn('NATS_URL is not set: events are kept in the outbox, not delivered');
  const started = await startAgencyApp(definition, {
    ...(transport ? { transport } : {}),
    database: databaseConfigFromEnv(schemaNameFor(definition.name), withEmbeddedDatabase(rawEnv)),
    platformUrl: env.EGOV_PLATFORM_URL,
    port: env.PORT,
    logger: log,
    version: env.EGOV_VERSION,
  });
  transport?.open();
  if (env.EGOV_SEED === 'true') await definition.seed?.(started.app.database, log);
  log.info({ url: started.serving.url }, `${definition.name} ready`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      await started.serving.stop();
      await transport?.close();
      process.exit(0);
    });
  }
}
