import {
  createInboxWorker,
  createRelay,
  type EventEnvelope,
  newEventId,
  onEvent,
  publishEvent,
  type Subscription,
} from '@egov/kernel/messaging';
import { type Kysely, sql } from 'kysely';
import {
  insertEffect,
  inProcessStack,
  itemCreated,
  jetStreamStack,
  log,
  type Stack,
  sleep,
  until,
} from './events.ts';
import { benchDatabase, natsUrl, num } from './measure.ts';

/** Events per stage run: enough for a rate, few enough to finish in seconds at the slowest stage. */
const EVENTS = Number(process.env.BENCH_PROFILE_EVENTS ?? 2_000);

const handlers = [
  onEvent(itemCreated, async (trx, payload, envelope) => {
    await insertEffect(trx, envelope.id, payload.n);
  }),
];

async function count(db: Kysely<any>, table: string): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function rateOf(what: () => Promise<void>, events = EVENTS): Promise<number> {
  const started = performance.now();
  await what();
  return events / ((performance.now() - started) / 1000);
}

async function fillOutbox(stack: Stack, perTransaction: number): Promise<number> {
  await stack.producer.db.deleteFrom('outbox').execute();
  return rateOf(async () => {
    for (let i = 0; i < EVENTS; i += perTransaction) {
      await stack.producer.db.transaction().execute(async (trx) => {
        for (let k = i; k < Math.min(EVENTS, i + perTransaction); k++) {
          await publishEvent(
            trx,
            itemCreated,
            { n: k, sentAt: performance.now() },
            { producer: 'bench-producer' },
          );
        }
      });
    }
  });
}

async function resetConsumer(stack: Stack): Promise<void> {
  await stack.consumer.db.deleteFrom('inbox').execute();
  await stack.consumer.db.deleteFrom('effect').execute();
}

/** The kernel's worker on a full inbox, `workers` of them side by side (each its own polling runOnce). */
async function drainWithWorkers(stack: Stack, workers: number, batchSize = 50): Promise<void> {
  const all = Array.from({ length: workers }, () =>
    createInboxWorker({ db: stack.consumer.db, consumer: 'bench-consumer', handlers, log, batchSize }),
  );
  await Promise.all(
    all.map(async (w) => {
      while ((await w.runOnce()) > 0);
    }),
  );
}

/**
 * The proposal, prototyped here on the kernel's inbox table: claim a batch of due events in one
 * statement (`for update skip locked`), run each handler under its own savepoint (a failure still
 * costs only its own event), mark the batch done in one update, commit once.
 */
async function drainBatched(stack: Stack, batch: number, savepoints: boolean): Promise<void> {
  const db = stack.consumer.db as Kysely<any>;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('inbox')
        .select(['event_id', 'payload'])
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', new Date())
        .orderBy('next_attempt_at')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      for (const row of rows) {
        const payload = itemCreated.schema.parse(row.payload);
        if (savepoints) await sql`savepoint egov_inbox_handle`.execute(trx);
        await insertEffect(trx, row.event_id, payload.n);
        if (savepoints) await sql`release savepoint egov_inbox_handle`.execute(trx);
      }
      await trx
        .updateTable('inbox')
        .set({ status: 'done', attempts: sql`attempts + 1`, done_at: new Date(), last_error: null })
        .where(
          'event_id',
          'in',
          rows.map((r) => r.event_id),
        )
        .execute();
      return rows.length;
    });
    if (n === 0) return;
  }
}

async function profile(stack: Stack): Promise<string[]> {
  const lines = [`  ${stack.label}`];
  const row = (stage: string, rate: number) =>
    lines.push(`    ${stage.padEnd(62)} ${num(rate).padStart(7)} events/s`);
  const receiver = createInboxWorker({ db: stack.consumer.db, consumer: 'bench-consumer', handlers, log });
  let subscription: Subscription | undefined;
  try {
    // 1. Producer: outbox inserts in the caller's transaction.
    row('outbox write, 1 event per transaction', await fillOutbox(stack, 1));
    row('outbox write, 10 events per transaction', await fillOutbox(stack, 10));
    row('outbox write, 100 events per transaction', await fillOutbox(stack, 100));

    // 2. Transport alone: publish envelopes 100 at a time (as the relay does); the consumer only counts.
    let seen = 0;
    const noop = await stack.transport.subscribe('bench-noop', [itemCreated.name], async () => {
      seen += 1;
    });
    const envelope = (n: number): EventEnvelope => ({
      id: newEventId(),
      name: itemCreated.name,
      payload: { n, sentAt: 0 },
      occurredAt: new Date().toISOString(),
      producer: 'bench-producer',
    });
    row(
      'transport alone (publish 100 at a time → delivered, no database)',
      await rateOf(async () => {
        for (let i = 0; i < EVENTS; i += 100) {
          await Promise.all(Array.from({ length: 100 }, (_, k) => stack.transport.publish(envelope(i + k))));
        }
        await until(() => seen >= EVENTS, 60_000, 'the transport');
      }),
    );
    await noop.stop();

    // 3. Relay → transport → inbox insert (the worker not running), relay batch 100 (default) and 1,000.
    subscription = await stack.transport.subscribe(
      'bench-consumer',
      receiver.subscriptionNames(),
      receiver.receive,
    );
    for (const batchSize of [100, 1_000]) {
      await fillOutbox(stack, 100);
      await resetConsumer(stack);
      const relay = createRelay({ db: stack.producer.db, transport: stack.transport, log, batchSize });
      row(
        `relay (batch ${num(batchSize)}) → transport → inbox insert`,
        await rateOf(async () => {
          while ((await relay.runOnce()) > 0);
          while ((await count(stack.consumer.db, 'inbox')) < EVENTS) await sleep(10);
        }),
      );
    }

    // 4. The inbox worker on a full inbox (the events above, all pending).
    const refill = async () => {
      await stack.consumer.db.deleteFrom('effect').execute();
      await stack.consumer.db
        .updateTable('inbox')
        .set({ status: 'pending', attempts: 0, done_at: null })
        .execute();
    };
    await refill();
    row(
      'inbox worker (kernel: one transaction per event), 1 worker',
      await rateOf(() => drainWithWorkers(stack, 1)),
    );
    await refill();
    row('inbox worker (kernel), 4 workers side by side', await rateOf(() => drainWithWorkers(stack, 4)));
    await refill();
    row(
      'proposal: 50 events per transaction, savepoint each',
      await rateOf(() => drainBatched(stack, 50, true)),
    );
    await refill();
    row(
      'proposal: 50 events per transaction, no savepoints',
      await rateOf(() => drainBatched(stack, 50, false)),
    );
    if ((await count(stack.consumer.db, 'effect')) !== EVENTS) throw new Error('the prototype lost events');
  } finally {
    await subscription?.stop();
    await stack.dispose();
  }
  return lines;
}

/**
 * Not part of the default run (`pnpm bench "events profile"`): each stage of
 * the events pipeline alone, on BENCH_PROFILE_EVENTS events (2,000), to see which one bounds the
 * end-to-end rate, and a prototype of the proposed batched inbox worker.
 */
export const eventsProfileBenchmark = {
  name: 'events profile',
  optIn: true,
  async run(): Promise<string> {
    const lines = [
      this.name,
      `  method:   each stage alone over ${num(EVENTS)} events (BENCH_PROFILE_EVENTS), timed from start to the ` +
        'last event through that stage; one run each, no baseline (a diagnosis, not a comparison)',
    ];
    const { url } = await benchDatabase();
    lines.push(...(await profile(await inProcessStack(url))));
    const nats = await natsUrl();
    if (nats) lines.push(...(await profile(await jetStreamStack(url, nats))));
    else lines.push('  JetStream + PostgreSQL: skipped');
    return lines.join('\n');
  },
};
