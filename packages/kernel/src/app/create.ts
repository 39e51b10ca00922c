import { trpcServer } from '@hono/trpc-server';
import { type Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import { bodyLimit } from 'hono/body-limit';
import { type AuditSequencer, startAuditSequencer } from '../audit/sequencer.ts';
import type { AuditSigner } from '../audit/tree-head.ts';
import { generateSigningKey } from '../identity/issuer.ts';
import { type Messaging, type MessagingOptions, startMessaging } from '../messaging/messaging.ts';
import { createPublisher } from '../messaging/outbox.ts';
import { createAuditWriter } from '../audit/group-writer.ts';
import type { Transport } from '../messaging/transport.ts';
import type { Network } from '../network/connect.ts';
import { type AppDatabase, createDatabase } from '../db/database.ts';
import type { DatabaseConfig } from '../db/config.ts';
import type { GrantVerifier } from '../identity/grants.ts';
import type { TokenVerifier } from '../identity/verifier.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { KernelContext } from '../trpc/context.ts';
import type { AgencyAppDefinition } from './define.ts';
import { createRateLimiter } from '../ratelimit/limiter.ts';
import { listProcedures } from '../trpc/walk.ts';
import { batchLimit } from './batch-limit.ts';
import { addressResolver, socketAddress } from './client-address.ts';
import { type HostLimitsOverride, hostLimitsFromEnv, mergeLimits } from './host-config.ts';
import { createMetrics, metricsAccess } from './metrics.ts';
import { requestIds, setHeader } from './request-id.ts';
import { migrationsFor } from './migrations.ts';
import { traceIdFrom } from './trace.ts';
import { exponentialBackoff } from '../messaging/loop.ts';
import { createStepRecovery, type StepRecovery, type StepRecoveryOptions } from '../steps/recovery.ts';
import type { StepHost } from '../steps/run.ts';

export interface AppRuntime<DB> {
  /** An opened database, or where to open one. */
  database: AppDatabase<DB> | DatabaseConfig;
  verifyToken: TokenVerifier;
  /** Checks catalog grants presented by other apps (startAgencyApp wires the platform's keys). */
  verifyGrant?: GrantVerifier;
  logger?: Logger;
  now?: () => Date;
  /** Largest accepted request body; 1 MiB by default. */
  bodyLimitBytes?: number;
  /** Signs audit tree heads: the app's own service key. Tests may omit it (a throwaway key is made). */
  auditSigner?: AuditSigner;
  /** How often audit records are folded into the Merkle tree (default 1 s, `EGOV_AUDIT_INTERVAL_MS`). */
  auditIntervalMs?: number;
  /**
   * Where events go: the process's transport (in-process or JetStream). Without one the app still
   * writes events to its outbox, and they wait there until it runs with a transport.
   */
  transport?: Transport;
  /** Relay and inbox worker tuning (tests shorten the polls). */
  messaging?: Pick<MessagingOptions<DB>, 'relay' | 'worker'>;
  /**
   * Batch size, rate limits, trusted proxies and `/metrics` access, over what the environment says
   * (`EGOV_TRPC_MAX_BATCH`, `EGOV_RATE_LIMIT_*`, `EGOV_TRUSTED_PROXIES`, `EGOV_METRICS_*`).
   */
  limits?: HostLimitsOverride;
  /**
   * The recovery of cross-agency steps (ADR 11): how often it looks (default 5 s,
   * `EGOV_STEP_RECOVERY_MS`), the backoff between attempts and when to give up.
   */
  steps?: Pick<StepRecoveryOptions, 'pollMs' | 'batchSize'> &
    Partial<Pick<StepHost, 'backoff' | 'maxAttempts'>>;
}

export interface AgencyApp<DB> {
  name: string;
  hono: Hono;
  database: AppDatabase<DB>;
  log: Logger;
  /** Requests being served right now (for draining). */
  inFlight(): number;
  /** Stops answering ready, so balancers drain us. */
  markDraining(): void;
  audit: AuditSequencer;
  messaging: Messaging | undefined;
  /**
   * The recovery loop of the app's cross-agency steps (none if it registers no steps). It starts with
   * the network client: a pass at once (steps a killed process left), then every few seconds.
   */
  steps: StepRecovery | undefined;
  /** Gives the app its network client once it is started (`ctx.connect` uses it), and starts step recovery. */
  attachNetwork(network: Network): void;
  close(): Promise<void>;
}

async function throwawaySigner(): Promise<AuditSigner> {
  const key = await generateSigningKey();
  return { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };
}

function isOpened<DB>(value: AppDatabase<DB> | DatabaseConfig): value is AppDatabase<DB> {
  return 'db' in value;
}

/**
 * Builds an app: opens its schema, runs its migrations, and returns a Hono
 * app with `/trpc`, `/healthz`, `/readyz` and `/metrics` behind request ids,
 * structured logs, metrics and a body-size limit. Nothing listens yet; tests
 * call `app.hono.request()` directly.
 *
 * @example
 * const app = await createAgencyApp(goldenShield, { database: config, verifyToken });
 * const res = await app.hono.request('/healthz');
 */
export async function createAgencyApp<DB>(
  definition: AgencyAppDefinition<DB>,
  runtime: AppRuntime<DB>,
): Promise<AgencyApp<DB>> {
  const log = runtime.logger ?? createLogger({ name: definition.name });
  const database = isOpened(runtime.database) ? runtime.database : await createDatabase<DB>(runtime.database);
  const migrations = migrationsFor(definition, database.schema);
  const applied = await database.migrate(migrations);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const now = runtime.now ?? (() => new Date());
  const audit = startAuditSequencer({
    db: database.db,
    service: definition.name,
    signer: runtime.auditSigner ?? (await throwawaySigner()),
    log,
    intervalMs: runtime.auditIntervalMs ?? Number(process.env.EGOV_AUDIT_INTERVAL_MS ?? 1_000),
    now,
  });
  const messaging = runtime.transport
    ? await startMessaging<DB>({
        db: database.db,
        app: definition.name,
        transport: runtime.transport,
        handlers: definition.subscriptions ?? [],
        log,
        ...runtime.messaging,
        // Up to 4 inbox batches at once under load, each waiting on its own commit.
        worker: { concurrency: 4, ...runtime.messaging?.worker },
      })
    : undefined;
  const outbox = { publish: createPublisher(definition.name), wake: () => messaging?.wake() };
  const stepHost = stepHostFor(definition, database, outbox.publish, log, now, runtime.steps, () => network);
  const steps = stepHost
    ? createStepRecovery(stepHost, database.db as Kysely<any>, {
        pollMs: runtime.steps?.pollMs ?? Number(process.env.EGOV_STEP_RECOVERY_MS ?? 5_000),
        ...(runtime.steps?.batchSize ? { batchSize: runtime.steps.batchSize } : {}),
        wake: outbox.wake,
      })
    : undefined;
  // Records of queries and refusals: grouped into one insert while the previous one runs.
  const auditLog = createAuditWriter(database.db);
  const limits = mergeLimits(hostLimitsFromEnv(), runtime.limits);
  const metrics = createMetrics(
    definition.name,
    listProcedures(definition.router).map((p) => p.path),
  );
  const mayReadMetrics = metricsAccess(limits.metrics);
  const clientAddress = addressResolver(limits.trustedProxies);
  const sourceOf = (c: Context) => clientAddress(socketAddress(c.env), c.req.header('x-forwarded-for'));
  const limiter = createRateLimiter(database.db as Kysely<any>, limits.rate, log);
  const maxSize = runtime.bodyLimitBytes ?? 1024 * 1024;
  let network: Network | undefined;
  let inFlight = 0;
  let draining = false;

  const hono = new Hono();
  hono.use('*', requestIds());
  hono.use('*', async (c, next) => {
    inFlight += 1;
    const started = performance.now();
    try {
      await next();
      // On every response, errors and 404s included: no content sniffing, our own request id, and
      // nothing from /trpc (tokens, personal data) kept by a cache.
      setHeader(c, 'x-content-type-options', 'nosniff');
      setHeader(c, 'x-request-id', c.get('requestId'));
      const correlationId = c.get('correlationId');
      if (correlationId) setHeader(c, 'x-correlation-id', correlationId);
      if (c.req.path.startsWith('/trpc/')) setHeader(c, 'cache-control', 'no-store');
    } finally {
      inFlight -= 1;
      const ms = Math.round((performance.now() - started) * 10) / 10;
      log.info(
        {
          requestId: c.get('requestId'),
          correlationId: c.get('correlationId'),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms,
        },
        'request',
      );
    }
  });
  hono.use('*', metrics.middleware);
  hono.use(
    '/trpc/*',
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          {
            error: {
              message: `request body exceeds ${maxSize} bytes`,
              code: -32600,
              data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
            },
          },
          413,
        ),
    }),
  );

  hono.get('/healthz', (c) => c.json({ status: 'ok', app: definition.name }));
  hono.get('/readyz', async (c) => {
    if (draining) return c.json({ status: 'draining' }, 503);
    try {
      await database.ping();
      const pending = await database.pending(migrations);
      if (pending.length > 0) return c.json({ status: 'migrations pending', pending }, 503);
      return c.json({ status: 'ready', app: definition.name });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      return c.json({ status: 'database unreachable' }, 503);
    }
  });
  hono.get('/metrics', async (c) => {
    if (!mayReadMetrics(c, sourceOf(c))) {
      return c.json(
        {
          error: 'metrics are served to EGOV_METRICS_ALLOW (loopback by default) or with EGOV_METRICS_TOKEN',
        },
        403,
      );
    }
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  definition.routes?.(hono, { database });

  hono.use('/trpc/*', batchLimit(limits));
  hono.use(
    '/trpc/*',
    trpcServer({
      router: definition.router,
      endpoint: '/trpc',
      createContext: (_opts, c): KernelContext<DB> & Record<string, unknown> => {
        const rid = c.get('requestId');
        return {
          app: { name: definition.name, zone: definition.zone },
          db: database.db,
          log: log.child({ requestId: rid }),
          requestId: rid,
          correlationId: c.get('correlationId'),
          traceId: traceIdFrom(c.req.header('traceparent')),
          now,
          authorization: c.req.header('authorization'),
          onBehalfOf: c.req.header('x-egov-on-behalf-of'),
          idempotencyKey: c.req.header('idempotency-key'),
          grant: c.req.header('x-egov-grant'),
          verifyGrant: runtime.verifyGrant,
          verifyToken: runtime.verifyToken,
          outbox,
          auditLog,
          network: () => network,
          sourceAddress: sourceOf(c),
          limiter,
          steps: stepHost,
        };
      },
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    }),
  );

  return {
    name: definition.name,
    hono,
    database,
    log,
    inFlight: () => inFlight,
    markDraining: () => {
      draining = true;
    },
    audit,
    messaging,
    steps,
    attachNetwork: (n) => {
      network = n;
      steps?.start();
    },
    close: async () => {
      draining = true;
      await steps?.stop();
      await messaging?.stop();
      await audit.stop();
      await database.close();
    },
  };
}

function stepHostFor<DB>(
  definition: AgencyAppDefinition<DB>,
  database: AppDatabase<DB>,
  publish: StepHost['publish'],
  log: Logger,
  now: () => Date,
  options: AppRuntime<DB>['steps'],
  network: () => Network | undefined,
): StepHost | undefined {
  const registered = definition.steps ?? [];
  if (registered.length === 0) return undefined;
  const steps = new Map<string, StepHost['steps'] extends ReadonlyMap<string, infer S> ? S : never>();
  for (const step of registered) {
    if (steps.has(step.name)) throw new Error(`${definition.name}: two steps are named ${step.name}`);
    steps.set(step.name, step);
  }
  return {
    app: definition.name,
    steps,
    side: database.side as Kysely<any>,
    network,
    publish,
    log: log.child({ steps: definition.name }),
    now,
    backoff: options?.backoff ?? exponentialBackoff({ baseMs: 2_000, maxMs: 5 * 60_000 }),
    maxAttempts: options?.maxAttempts ?? 100,
  };
}
