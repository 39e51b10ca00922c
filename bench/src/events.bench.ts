import { type Messaging, onEvent, startMessaging } from '@egov/kernel/messaging';
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
import { benchSeconds, natsUrl, num, percentile, postgresUrl, ratio } from './measure.ts';

/** Events per producer transaction in the throughput phase. */
const BATCH = 10;
/** Most events published but not yet handled; the producer waits beyond it (closed loop). */
const WINDOW = 1_000;
/** Target events/s on PostgreSQL + JetStream on this 2-core machine (issue 5). */
const TARGET = 5_000;

interface Phase {
  eventsPerSecond: number;
  latencies: number[];
}

interface Pipeline {
  /** Throughput at saturation: batches of BATCH per transaction, at most WINDOW in flight. */
  saturate(seconds: number): Promise<Phase>;
  /** One event per transaction at `rate` per second: delivery latency without a backlog. */
  paced(seconds: number, rate: number): Promise<Phase>;
  stop(): Promise<void>;
}

/** Producer app → outbox → relay → transport → inbox → worker → consumer handler inserting a row. */
async function messagingPipeline(stack: Stack): Promise<Pipeline> {
  let handled = 0;
  let recording: number[] | null = null;
  const consumer: Messaging = await startMessaging({
    db: stack.consumer.db,
    app: 'bench-consumer',
    transport: stack.transport,
    log,
    handlers: [
      onEvent(itemCreated, async (trx, payload, envelope) => {
        await insertEffect(trx, envelope.id, payload.n);
        recording?.push(performance.now() - payload.sentAt);
        handled += 1;
      }),
    ],
  });
  const producer: Messaging = await startMessaging({
    db: stack.producer.db,
    app: 'bench-producer',
    transport: stack.transport,
    log,
  });
  stack.transport.open();
  let published = 0;
  const publish = async (count: number) => {
    await stack.producer.db.transaction().execute(async (trx) => {
      for (let k = 0; k < count; k++) {
        await producer.publish(trx, itemCreated, { n: published + k, sentAt: performance.now() });
      }
    });
    published += count;
    producer.wake(); // as the app host does after a commit that published events
  };
  const drain = () => until(() => handled >= published, 120_000, 'the consumer to catch up');
  return {
    async saturate(seconds) {
      await drain();
      recording = [];
      const from = handled;
      const started = performance.now();
      const end = started + seconds * 1000;
      while (performance.now() < end) {
        if (published - handled >= WINDOW) await sleep(1);
        else await publish(BATCH);
      }
      const eventsPerSecond = (handled - from) / ((performance.now() - started) / 1000);
      const latencies = recording;
      recording = null;
      await drain();
      return { eventsPerSecond, latencies };
    },
    async paced(seconds, rate) {
      await drain();
      recording = [];
      const started = performance.now();
      for (let i = 0; performance.now() - started < seconds * 1000; i++) {
        const due = started + (i * 1000) / rate;
        if (due > performance.now()) await sleep(due - performance.now());
        await publish(1);
      }
      await drain();
      const latencies = recording;
      recording = null;
      return { eventsPerSecond: latencies.length / seconds, latencies };
    },
    async stop() {
      await producer.stop();
      await consumer.stop();
    },
  };
}

/** The baseline: the consumer's same insert, done directly in the consumer's database; no messaging. */
function directPipeline(stack: Stack): Pipeline {
  let n = 0;
  const insert = (count: number) =>
    stack.consumer.db.transaction().execute(async (trx) => {
      for (let k = 0; k < count; k++) {
        n += 1;
        await insertEffect(trx, crypto.randomUUID(), n);
      }
    });
  return {
    async saturate(seconds) {
      const started = performance.now();
      let count = 0;
      while (performance.now() - started < seconds * 1000) {
        await insert(BATCH);
        count += BATCH;
      }
      return { eventsPerSecond: count / ((performance.now() - started) / 1000), latencies: [] };
    },
    async paced(seconds, rate) {
      const latencies: number[] = [];
      const started = performance.now();
      for (let i = 0; performance.now() - started < seconds * 1000; i++) {
        const due = started + (i * 1000) / rate;
        if (due > performance.now()) await sleep(due - performance.now());
        const t = performance.now();
        await insert(1);
        latencies.push(performance.now() - t);
      }
      return { eventsPerSecond: latencies.length / seconds, latencies };
    },
    async stop() {},
  };
}

const ms = (values: number[], p: number) => `${num(percentile(values, p))} ms`;

async function measure(stack: Stack, seconds: number, target: boolean): Promise<string[]> {
  const direct = directPipeline(stack);
  const events = await messagingPipeline(stack);
  try {
    // Warm-up: JIT, pools, JetStream consumers; not counted.
    await events.saturate(Math.min(1, seconds / 5));
    await direct.saturate(Math.min(1, seconds / 5));
    const e = await events.saturate(seconds);
    const d = await direct.saturate(seconds);
    const rate = Math.max(1, Math.min(200, Math.round(e.eventsPerSecond / 4)));
    const pe = await events.paced(seconds / 2, rate);
    const pd = await direct.paced(seconds / 2, rate);
    const verdict = e.eventsPerSecond >= TARGET ? 'met' : 'NOT met';
    return [
      `  ${stack.label}`,
      `    saturated: ${num(e.eventsPerSecond)} events/s end to end (p50 ${ms(e.latencies, 50)}, ` +
        `p99 ${ms(e.latencies, 99)} with up to ${num(WINDOW)} in flight)` +
        (target ? `; target >= ${num(TARGET)}/s: ${verdict}` : ''),
      `               direct inserts: ${num(d.eventsPerSecond)} rows/s → messaging ${ratio(e.eventsPerSecond, d.eventsPerSecond)} of baseline throughput`,
      `    paced at ${rate} events/s, one per transaction: delivery p50 ${ms(pe.latencies, 50)}, p99 ${ms(pe.latencies, 99)} ` +
        `(${pe.latencies.length} events); direct insert p50 ${ms(pd.latencies, 50)}, p99 ${ms(pd.latencies, 99)}`,
    ];
  } finally {
    await events.stop();
    await stack.dispose();
  }
}

/**
 * Events end to end through the kernel messaging (`startMessaging` for a
 * producer app and a consumer app, default relay and worker settings): the
 * producer publishes in transactions through the outbox and wakes its relay,
 * the consumer's handler inserts one row per event. Throughput at saturation
 * (closed loop) and delivery latency (publish → handler) at a paced rate,
 * versus the same inserts done directly in the consumer's database. On the
 * in-process bus with PGlite, and on JetStream with PostgreSQL when both
 * answer (`NATS_URL`, `DATABASE_URL`, or the local defaults).
 */
export const eventsBenchmark = {
  name: 'events end to end',
  async run(): Promise<string> {
    const seconds = benchSeconds();
    const lines = [
      this.name,
      `  method:   throughput: producer publishes ${BATCH} events per transaction back to back for ${seconds} s, ` +
        `at most ${num(WINDOW)} events unhandled (closed loop), events/s = handled in the window ÷ its length; ` +
        `latency = publish → handler (performance.now in the payload). Then one event per transaction at ` +
        `a quarter of that rate (at most 200/s) for ${seconds / 2} s. Baseline: the handler's insert done ` +
        `directly (${BATCH} per transaction; then one per transaction, its commit time as latency). ` +
        'Default relay (poll 250 ms, batch 500, up to 256 publishes in flight) and worker (poll 250 ms, batch 50); warm-up 1 s each, not counted',
    ];
    lines.push(...(await measure(await inProcessStack('bench-events'), seconds, false)));
    const [db, nats] = await Promise.all([postgresUrl(), natsUrl()]);
    if (db && nats) lines.push(...(await measure(await jetStreamStack(db, nats), seconds, true)));
    else
      lines.push(
        '  JetStream + PostgreSQL: skipped (NATS_URL/DATABASE_URL unset and the local defaults do not answer)',
      );
    return lines.join('\n');
  },
};
