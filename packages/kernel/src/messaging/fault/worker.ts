/**
 * One life of the crash-test deployment, run in a child process by
 * `fault.test.ts`: starts the ledger and tally apps the way the embedded host
 * does (one transport, `open()` after both subscribed), makes some changes
 * through the ledger's tRPC mutation, then waits until everything has been
 * delivered and counted, and exits 0. With a fault it instead SIGKILLs itself
 * at the chosen point (or after a random delay), leaving whatever state the
 * databases, the stream and the leases were in for the next life to recover.
 *
 * Configured by `FAULT_CONFIG` (a `WorkerConfig` as JSON).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type AgencyApp, createAgencyApp } from '../../app/create.ts';
import type { AgencyAppDefinition } from '../../app/define.ts';
import type { DatabaseConfig } from '../../db/config.ts';
import { createLogger } from '../../log/logger.ts';
import { testIdentity } from '../../testing/identity.ts';
import { createInProcessTransport } from '../in-process.ts';
import type { Transport } from '../transport.ts';
import { fileJournal, type KillPoint, ledgerApp, probe, tallyApp } from './apps.ts';

export type WorkerFault =
  | { point: KillPoint; after: number }
  /** Dies `ms` after the process started (maybe mid-startup) or after both apps are up, wherever it is. */
  | { point: 'timer'; ms: number; from: 'start' | 'ready' };

export interface WorkerConfig {
  databases: { ledger: DatabaseConfig; tally: DatabaseConfig };
  transport: { kind: 'in-process' } | { kind: 'jetstream'; url: string; stream: string; prefix: string };
  journal: string;
  /** Changes to make in this life. */
  changes: number;
  /** Mutations in flight at once. */
  concurrency: number;
  fault: WorkerFault | null;
  /** Exit 3 if not drained by then. */
  drainTimeoutMs: number;
}

const config = JSON.parse(process.env.FAULT_CONFIG ?? 'null') as WorkerConfig;
if (!config) throw new Error('FAULT_CONFIG is not set');
const journal = fileJournal(config.journal);
const log = createLogger({ name: 'fault-worker', level: process.env.FAULT_LOG_LEVEL ?? 'silent' });

function die(point: string, id: string): never {
  journal.write('kill', point, id);
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

const fault = config.fault;
if (fault?.point === 'timer' && fault.from === 'start') setTimeout(() => die('timer', 'start'), fault.ms);
let passages = 0;
probe.journal = journal;
probe.at = (point, id) => {
  if (fault?.point !== point) return;
  passages += 1;
  if (passages === fault.after) die(point, id);
};

/**
 * The transport with the kill points around it: on the relay's side between
 * the commit and the publish, and between the publish and the relay marking
 * the row; on the consumer's side between the inbox insert committing and the
 * transport acknowledging it.
 */
function withKillPoints(inner: Transport): Transport {
  const idOf = (raw: unknown) => String((raw as { id?: unknown } | null)?.id);
  return {
    ...inner,
    async publish(envelope) {
      journal.write('publish', envelope.id, envelope.name);
      probe.at('after-commit', envelope.id);
      await inner.publish(envelope);
      journal.write('published', envelope.id, envelope.name);
      probe.at('after-publish', envelope.id);
    },
    subscribe: (consumer, names, deliver) =>
      inner.subscribe(consumer, names, async (raw) => {
        await deliver(raw);
        journal.write('received', idOf(raw), consumer);
        probe.at('after-inbox', idOf(raw));
      }),
  };
}

const transport = withKillPoints(
  config.transport.kind === 'jetstream'
    ? await (await import('../jetstream.ts')).createJetStreamTransport({
        servers: config.transport.url,
        stream: config.transport.stream,
        subjectPrefix: config.transport.prefix,
        // Messages in flight to a killed consumer come back after this, not after the default 30 s.
        ackWaitMs: 1_000,
        log,
      })
    : createInProcessTransport({ holdUntilOpen: true }),
);

const identity = await testIdentity('fault-test');
// Short polls and a short lease, so a crashed claim is retried within the test's time.
const messaging = {
  relay: { pollMs: 100, leaseMs: 500, retryDelay: () => 200 },
  worker: { pollMs: 100, backoff: () => 200 },
};
const create = (definition: AgencyAppDefinition<any>, database: DatabaseConfig) =>
  createAgencyApp(definition, {
    database,
    verifyToken: identity.verifyToken,
    logger: log,
    transport,
    messaging,
    auditIntervalMs: 200,
  });

/**
 * Works around a bug outside messaging (reported, not fixed here): Kysely's
 * Migrator checks for its tables with `introspection.getTables()`, which
 * reads every table of every schema in the database by name, so it fails
 * with `schema "…" does not exist` (3F000) whenever any other schema is
 * dropped meanwhile, as parallel test suites on one PostgreSQL do all the
 * time. Retried here, and journalled, so the crash test tests crashes.
 */
async function start(
  definition: AgencyAppDefinition<any>,
  database: DatabaseConfig,
): Promise<AgencyApp<any>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create(definition, database);
    } catch (error) {
      const message = (error as Error).message;
      if (attempt >= 5 || !/schema "[^"]+" does not exist/.test(message)) throw error;
      journal.write('startup-retry', definition.name, JSON.stringify(message));
    }
  }
}

const ledger: AgencyApp<any> = await start(ledgerApp, config.databases.ledger);
const tally: AgencyApp<any> = await start(tallyApp, config.databases.tally);
transport.open();
journal.write('ready', String(Math.round(performance.now())));
if (fault?.point === 'timer' && fault.from === 'ready') setTimeout(() => die('timer', 'ready'), fault.ms);

const token = await identity.officialToken({ permissions: ['fault-ledger.change.make'] });
async function makeChange(): Promise<void> {
  const id = randomUUID();
  journal.write('attempt', id);
  const res = await ledger.hono.request('/trpc/changes.make', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id }),
  });
  const body = (await res.json()) as { result?: { data: { eventId: string } }; error?: unknown };
  if (!res.ok || !body.result) throw new Error(`changes.make ${res.status}: ${JSON.stringify(body)}`);
  journal.write('ack', id, body.result.data.eventId);
}

let next = 0;
await Promise.all(
  Array.from({ length: config.concurrency }, async () => {
    while (next < config.changes) {
      next += 1;
      await makeChange();
    }
  }),
);

/** Nothing left to move: both outboxes published, both inboxes settled, every change counted. */
async function drained(): Promise<boolean> {
  const t = (app: AgencyApp<any>, table: string) => sql.table(`${app.database.schema}.${table}`);
  const { rows } = await sql<{ ledger: string; tally: string }>`select
      (select count(*) from ${t(ledger, 'outbox')} where published_at is null)
      + (select count(*) from ${t(ledger, 'inbox')} where status = 'pending')
      + (select count(*) from ${t(ledger, 'change')} where counted = 0) as ledger`.execute(
    ledger.database.db,
  );
  const tallied = await sql<{ tally: string }>`select
      (select count(*) from ${t(tally, 'outbox')} where published_at is null)
      + (select count(*) from ${t(tally, 'inbox')} where status = 'pending') as tally`.execute(
    tally.database.db,
  );
  return Number(rows[0]?.ledger) === 0 && Number(tallied.rows[0]?.tally) === 0;
}

const deadline = Date.now() + config.drainTimeoutMs;
while (!(await drained())) {
  if (Date.now() > deadline) {
    journal.write('stuck');
    process.exit(3);
  }
  await new Promise((r) => setTimeout(r, 50));
}
journal.write('drained', String(Math.round(performance.now())));
await ledger.close();
await tally.close();
await transport.close();
process.exit(0);
