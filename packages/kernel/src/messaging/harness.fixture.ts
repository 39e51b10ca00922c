import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDatabase } from '../db/index.ts';
import { silentLogger } from '../testing/index.ts';
import { createInboxWorker, type InboxWorker, onEvent, onEvents } from './consumer.ts';
import { defineEvent, type EventEnvelope } from './contract.ts';
import { publishEvent } from './outbox.ts';
import { createRelay, type Relay } from './relay.ts';
import { appDatabases, type MatrixEntry } from './targets.fixture.ts';
import type { Subscription, Transport } from './transport.ts';

export const log = silentLogger('messaging');
export const PRODUCER = 'golden-shield';
export const CONSUMER = 'social-security';

export const residentDied = defineEvent(
  'golden-shield.resident.died.v1',
  z.object({ residentId: z.string().regex(/^\d{17}[\dX]$/), diedOn: z.iso.date() }),
);

/** A resident ID for the n-th test event (format only; the check digit does not matter here). */
export const resident = (n: number) => `11010519491231${String(n).padStart(4, '0')}`;

export interface Harness {
  producer: AppDatabase<any>;
  consumer: AppDatabase<any>;
  transport: Transport;
  relay: Relay;
  worker: InboxWorker;
  clock: { now: () => Date; advance(ms: number): void };
  /** Resident IDs whose handling throws (after writing its effect, which must be rolled back). */
  failFor: Set<string>;
  /**
   * Resident IDs whose handler runs a failing statement and swallows the error, returning normally:
   * the transaction is aborted, which the worker must still pin on this event alone.
   */
  swallowFor: Set<string>;
  /** With `batchHandler`: how many events each call of the batch handler got. */
  batchSizes: number[];
  publish(n: number): Promise<EventEnvelope>;
  effects(): Promise<number>;
  inbox(): Promise<any[]>;
  /** Relay once, wait for `count` inbox rows (JetStream delivers asynchronously), work once. */
  pump(count: number): Promise<void>;
  waitForInbox(count: number): Promise<void>;
  /** Waits until the consumer's handler has left `count` effects (loops running); throws after `ms`. */
  waitForEffects(count: number, ms?: number): Promise<void>;
  dispose(): Promise<void>;
}

/** Two apps (a producer and a consumer, each with its own database) joined by a fresh transport; tables emptied. */
export async function createHarness(
  target: MatrixEntry,
  options: { subscribe?: boolean; batchHandler?: boolean; concurrency?: number; batchSize?: number } = {},
): Promise<Harness> {
  const { producer, consumer } = await appDatabases(target.db);
  await producer.db.deleteFrom('outbox').execute();
  for (const table of ['inbox', 'effect']) await consumer.db.deleteFrom(table).execute();
  const { transport, dispose: disposeTransport } = await target.transport.create();
  let t = Date.now();
  const clock = {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
  const failFor = new Set<string>();
  const swallowFor = new Set<string>();
  const batchSizes: number[] = [];
  const worker = createInboxWorker({
    db: consumer.db,
    consumer: CONSUMER,
    log,
    now: clock.now,
    maxAttempts: 3,
    backoff: (attempt) => attempt * 1000,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    handlers: [
      options.batchHandler
        ? // The same effect a batch at a time: one insert for all, then the same failures.
          onEvents(residentDied, async (trx, events) => {
            batchSizes.push(events.length);
            await trx
              .insertInto('effect')
              .values(events.map((e) => ({ event_id: e.envelope.id, resident_id: e.payload.residentId })))
              .execute();
            const ids = events.map((e) => e.payload.residentId);
            const failing = ids.find((id) => failFor.has(id));
            if (failing) throw new Error(`pension service refused ${failing}`);
            if (ids.some((id) => swallowFor.has(id))) await sql`select 1 / 0`.execute(trx).catch(() => {});
          })
        : onEvent(residentDied, async (trx, payload, envelope) => {
            await trx
              .insertInto('effect')
              .values({ event_id: envelope.id, resident_id: payload.residentId })
              .execute();
            if (failFor.has(payload.residentId))
              throw new Error(`pension service refused ${payload.residentId}`);
            if (swallowFor.has(payload.residentId)) {
              await sql`select 1 / 0`.execute(trx).catch(() => {});
            }
          }),
    ],
  });
  const relay = createRelay({ db: producer.db, transport, log, now: clock.now, retryDelay: () => 1000 });
  let subscription: Subscription | undefined;
  if (options.subscribe !== false)
    subscription = await transport.subscribe(CONSUMER, worker.subscriptionNames(), worker.receive);
  const inbox = () => consumer.db.selectFrom('inbox').selectAll().orderBy('received_at').execute();
  const effects = async () => {
    const { n } = await consumer.db
      .selectFrom('effect')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  };
  /** Polls `count()` until it reaches `target`; throws after `ms`. */
  const waitFor = async (what: string, count: () => Promise<number>, target: number, ms: number) => {
    for (
      const deadline = Date.now() + ms;
      Date.now() < deadline;
      await new Promise((r) => setTimeout(r, 10))
    ) {
      if ((await count()) >= target) return;
    }
    throw new Error(`${what} never reached ${target} events`);
  };
  const waitForInbox = (count: number) => waitFor('inbox', async () => (await inbox()).length, count, 5_000);
  return {
    producer,
    consumer,
    transport,
    relay,
    worker,
    clock,
    failFor,
    swallowFor,
    batchSizes,
    inbox,
    waitForInbox,
    publish: (n) =>
      producer.db
        .transaction()
        .execute((trx) =>
          publishEvent(
            trx,
            residentDied,
            { residentId: resident(n), diedOn: '2026-11-20' },
            { producer: PRODUCER, traceId: `trace-${n}` },
          ),
        ),
    effects,
    waitForEffects: (count, ms = 5_000) => waitFor('effects', effects, count, ms),
    async pump(count) {
      await relay.runOnce();
      await waitForInbox(count);
      await worker.runOnce();
    },
    async dispose() {
      await subscription?.stop();
      await disposeTransport();
    },
  };
}
