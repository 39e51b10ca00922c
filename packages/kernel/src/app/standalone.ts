import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { databaseConfigFromEnv, dataRoot, schemaNameFor } from '../db/config.ts';
import { embeddedServerStatus } from '../db/embedded-server.ts';
import { DomainError } from '../errors/domain-error.ts';
import { loadOrCreateServiceKey, type ServiceKey } from '../identity/service-key.ts';
import { createLogger } from '../log/logger.ts';
import { type Transport, transportFromEnv } from '../messaging/transport.ts';
import type { AgencyAppDefinition } from './define.ts';
import { serviceKeyFile, startAgencyApp } from './start.ts';
import { pingDatabase, waitForServices, where } from './wait-for-services.ts';

const standaloneEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  HOST: z.string().min(1).default('127.0.0.1'),
  EGOV_ADVERTISE_URL: z
    .url({ message: 'EGOV_ADVERTISE_URL must be the URL callers reach this app at' })
    .optional(),
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

/** A start-up failure an operator fixes (environment, database, enrolment): one line, no stack trace. */
export class StartRefused extends Error {}

/** Where a lone app writes the public half of its key for the system administrator to enrol. */
export function publicKeyFile(appName: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(dataRoot(env), 'keys', `${appName}.pub.jwk`);
}

const ENROLMENT_REFUSALS =
  /^service assertion refused: (no service named \S+ is enrolled|the service \S+ was revoked at \S+|signature does not verify)$/;

/**
 * The one line a lone app prints when the platform refuses its key (not
 * enrolled, revoked, or enrolled with another key): what happened and the
 * command a system administrator runs, with the file holding the app's
 * public key (written here; only the public half). Undefined for any other error.
 *
 * @example
 * enrolmentRefusal('golden-shield', error, key, 'http://127.0.0.1:4100'); // 'golden-shield: the platform at … refused …'
 */
export function enrolmentRefusal(
  appName: string,
  error: unknown,
  key: ServiceKey,
  platformUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!(error instanceof DomainError) || error.code !== 'UNAUTHORIZED') return undefined;
  const reason = ENROLMENT_REFUSALS.exec(error.message)?.[1];
  if (!reason) return undefined;
  let keyArg = publicKeyFile(appName, env);
  try {
    mkdirSync(dirname(keyArg), { recursive: true });
    writeFileSync(keyArg, `${JSON.stringify(key.publicJwk)}\n`);
  } catch {
    keyArg = `<a file holding ${JSON.stringify(key.publicJwk)}>`;
  }
  const why = reason === 'signature does not verify' ? 'its key is not the one enrolled' : reason;
  return `${appName}: the platform at ${platformUrl} refused its service key (${why}); a system administrator enrols it with: pnpm egov services enrol ${appName} --key ${keyArg}`;
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
  try {
    await startStandalone(definition, rawEnv);
  } catch (error) {
    if (!(error instanceof StartRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

async function startStandalone<DB>(
  definition: AgencyAppDefinition<DB>,
  rawEnv: NodeJS.ProcessEnv,
): Promise<void> {
  const parsed = standaloneEnv.safeParse(rawEnv);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StartRefused(`${definition.name}: bad environment: ${problems}`);
  }
  const env = parsed.data;
  const log = createLogger({ name: definition.name, level: env.EGOV_LOG_LEVEL });
  let databaseEnv: NodeJS.ProcessEnv;
  try {
    databaseEnv = withEmbeddedDatabase(rawEnv);
  } catch (error) {
    throw new StartRefused(`${definition.name}: ${(error as Error).message}`);
  }
  // JetStream when NATS_URL is set (the distributed mode). Alone in its process without NATS, an app has no
  // one to deliver to: an in-process bus would mark events sent with no subscriber, so none is started and
  // events wait in the outbox until the app runs with NATS_URL.
  // A database or NATS that does not answer yet is waited for, not a reason to exit: until both answer the
  // port serves /healthz (alive) and a /readyz 503 naming what is missing, and the app retries with backoff.
  const natsUrl = rawEnv.NATS_URL;
  const [transport] = await waitForServices<[Transport | undefined, undefined]>(
    [
      {
        what: `NATS at ${
          natsUrl
            ? natsUrl
                .split(',')
                .map((s) => where(s.trim()))
                .join(',')
            : '(none)'
        }`,
        attempt: async () => (natsUrl ? await transportFromEnv(rawEnv, log) : undefined),
      },
      {
        what: `the database at ${where(databaseEnv.DATABASE_URL!)}`,
        attempt: () => pingDatabase(databaseEnv.DATABASE_URL!),
      },
    ],
    { appName: definition.name, port: env.PORT, hostname: env.HOST, log },
  );
  if (!transport) log.warn('NATS_URL is not set: events are kept in the outbox, not delivered');
  const serviceKey = await loadOrCreateServiceKey(serviceKeyFile(definition.name, rawEnv), rawEnv);
  const started = await startAgencyApp(definition, {
    ...(transport ? { transport } : {}),
    database: databaseConfigFromEnv(schemaNameFor(definition.name), databaseEnv),
    platformUrl: env.EGOV_PLATFORM_URL,
    port: env.PORT,
    hostname: env.HOST,
    ...(env.EGOV_ADVERTISE_URL ? { advertisedUrl: env.EGOV_ADVERTISE_URL } : {}),
    serviceKey,
    logger: log,
    version: env.EGOV_VERSION,
  }).catch(async (error: unknown) => {
    await transport?.close();
    const line = enrolmentRefusal(definition.name, error, serviceKey, env.EGOV_PLATFORM_URL, rawEnv);
    if (line) throw new StartRefused(line);
    if (error instanceof DomainError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT'))
      throw new StartRefused(
        `${definition.name}: the platform does not answer: ${error.message}; start it first`,
      );
    throw error;
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
