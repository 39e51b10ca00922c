import { randomBytes } from 'node:crypto';
import { type AppDatabase, appRoleMigrations, createDatabase } from '@egov/kernel/db';
import {
  createInProcessTransport,
  createJetStreamTransport,
  defineEvent,
  type Messaging,
  messagingMigrations,
  type Transport,
} from '@egov/kernel/messaging';
import { silentLogger, uniqueSchema } from '@egov/kernel/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { z } from 'zod';

/**
 * What the events benchmarks share: the event, the consumer's effect table,
 * the two apps' databases and a transport of each kind, created fresh and
 * removed afterwards.
 */

/**
 * Milliseconds since the epoch with sub-millisecond precision, comparable
 * across threads (each thread's `performance.now()` has its own origin).
 */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** `sentAt` is `nowMs()` at publish, so a producer in another thread can be timed too. */
export const itemCreated = defineEvent(
  'bench-producer.item.created.v1',
  z.object({ n: z.number().int(), sentAt: z.number() }),
);

export interface EffectDatabase {
  effect: { event_id: string; n: number };
}

export const log = silentLogger('bench-events');

/** The consumer's effect: one row per event. */
export function insertEffect(db: Kysely<any>, eventId: string, n: number) {
  return (db as Kysely<EffectDatabase>).insertInto('effect').values({ event_id: eventId, n }).execute();
}

/**
 * The producing app's side of the benchmark, wherever it runs: `count`
 * events in one transaction (one insert, `publishMany`), numbered from
 * `first`, then the relay woken as the app host does after such a commit.
 */
export async function publishItems(db: Kysely<any>, messaging: Messaging, first: number, count: number) {
  await db.transaction().execute(async (trx) => {
    const sentAt = nowMs();
    const payloads = Array.from({ length: count }, (_, k) => ({ n: first + k, sentAt }));
    await messaging.publishMany(trx, itemCreated, payloads);
  });
  messaging.wake();
}

/** The same effect for several events in one statement. */
export function insertEffects(db: Kysely<any>, rows: EffectDatabase['effect'][]) {
  return (db as Kysely<EffectDatabase>).insertInto('effect').values(rows).execute();
}

/** What a producer in its own thread needs to open the same schema and stream (`events-producer.worker.ts`). */
export interface RemoteProducer {
  url: string;
  schema: string;
  poolSize: number;
  servers: string[];
  stream: string;
  subjectPrefix: string;
}

export interface Stack {
  label: string;
  producer: AppDatabase<any>;
  consumer: AppDatabase<any>;
  transport: Transport;
  /** Set when the producing app can run in a thread of its own (the distributed mode's process per app). */
  remoteProducer?: RemoteProducer;
  dispose(): Promise<void>;
}

/** The two apps on `url`, each a fresh schema and a pool of `poolSize` of its own (as each app has in both modes). */
async function apps(url: string, poolSize: number) {
  const config = (app: string) => ({
    kind: 'postgres' as const,
    url,
    schema: uniqueSchema(app.replace('-', '_')),
    pool: app,
    poolSize,
  });
  const producer = await createDatabase<any>(config('bench-producer'));
  const consumer = await createDatabase<any>(config('bench-consumer'));
  await producer.migrate({ ...messagingMigrations, ...appRoleMigrations(producer.schema, []) });
  await consumer.migrate({
    ...messagingMigrations,
    ...appRoleMigrations(consumer.schema, []),
    '20261126T0000_create_effect': {
      up: async (db) => {
        await db.schema
          .createTable('effect')
          .addColumn('event_id', 'uuid', (c) => c.primaryKey())
          .addColumn('n', 'integer', (c) => c.notNull())
          .execute();
      },
    },
  });
  const drop = async () => {
    for (const d of [producer, consumer]) {
      await d.dropSchema().catch(() => {});
      await d.close();
    }
  };
  return { producer, consumer, drop };
}

/** Embedded mode: both apps in this process on PostgreSQL (a schema and a pool each, as `egov start`), the in-process bus. */
export async function inProcessStack(databaseUrl: string, poolSize = 10): Promise<Stack> {
  const { producer, consumer, drop } = await apps(databaseUrl, poolSize);
  const transport = createInProcessTransport();
  return {
    label: `in-process bus, PostgreSQL (schemas ${producer.schema}, ${consumer.schema}; a pool of ${poolSize} per app)`,
    producer,
    consumer,
    transport,
    dispose: async () => {
      await transport.close();
      await drop();
    },
  };
}

/**
 * Distributed mode: PostgreSQL (a fresh schema per app, each app its own pool of `poolSize`, as each
 * app process would have), a JetStream stream of its own.
 */
export async function jetStreamStack(databaseUrl: string, natsUrl: string, poolSize = 10): Promise<Stack> {
  const { producer, consumer, drop } = await apps(databaseUrl, poolSize);
  const tag = randomBytes(4).toString('hex');
  const stream = `EGOV_BENCH_${tag}`;
  const servers = natsUrl.split(',').map((s) => s.trim());
  const subjectPrefix = `egov-bench-${tag}.events`;
  const transport = await createJetStreamTransport({ servers, stream, subjectPrefix, log });
  return {
    label: `JetStream (stream ${stream}), PostgreSQL (schemas ${producer.schema}, ${consumer.schema}; a pool of ${poolSize} per app)`,
    producer,
    consumer,
    transport,
    remoteProducer: {
      url: databaseUrl,
      schema: producer.schema,
      poolSize,
      servers,
      stream,
      subjectPrefix,
    },
    dispose: async () => {
      await transport.close();
      const nc = await connect({ servers });
      await (await jetstreamManager(nc)).streams.delete(stream).finally(() => nc.close());
      await drop();
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` or throws after `ms`. */
export async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}
