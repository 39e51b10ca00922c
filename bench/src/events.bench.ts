import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type Messaging, onEvent, onEvents, startMessaging } from '@egov/kernel/messaging';
import {
  insertEffect,
  insertEffects,
  inProcessStack,
  itemCreated,
  jetStreamStack,
  log,
  nowMs,
  publishItems,
  type RemoteProducer,
  type Stack,
  sleep,
  until,
} from './events.ts';
import { benchDatabase, benchSeconds, natsUrl, num, percentile, type Report, ratio } from './measure.ts';
import { profiled } from './probes.ts';

/** Events per producer transaction in the throughput phase. */
const BATCH = 10;
/** Producer transactions in flight at once in the throughput phase (concurrent requests of the producing app). */
const PRODUCERS = Number(process.env.BENCH_EVENTS_PRODUCERS ?? 4);
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
async function messagingPipeline(stack: Stack, shape: Shape): Promise<Pipeline> {
  let handled = 0;
  let recording: number[] | null = null;
  const consumer: Messaging = await startMessaging({
    db: stack.consumer.db,
    app: 'bench-consumer',
    transport: stack.transport,
    log,
    // As the app host sets it: up to 4 batches at once.
    worker: {
      concurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? 4),
      ...(process.env.BENCH_WORKER_BATCH ? { batchSize: Number(process.env.BENCH_WORKER_BATCH) } : {}),
    },
    handlers: [
      shape === 'per event'
        ? onEvent(itemCreated, async (trx, payload, envelope) => {
            await insertEffect(trx, envelope.id, payload.n);
            recording?.push(nowMs() - payload.sentAt);
            handled += 1;
          })
        : onEvents(itemCreated, async (trx, events) => {
            await insertEffects(
              trx,
              events.map((e) => ({ event_id: e.envelope.id, n: e.payload.n })),
            );
            const at = nowMs();
            for (const e of events) recording?.push(at - e.payload.sentAt);
            handled += events.length;
          }),
    ],
  });
  const producer = stack.remoteProducer
    ? await producerThread(stack.remoteProducer)
    : await producerHere(stack);
  stack.transport.open();
  let published = 0;
  const publish = async (count: number) => {
    await producer.publish(count);
    published += count;
  };
  const drain = () => until(() => handled >= published, 120_000, 'the consumer to catch up');
  return {
    async saturate(seconds) {
      await drain();
      recording = [];
      const from = handled;
      const started = performance.now();
      const end = started + seconds * 1000;
      // PRODUCERS transactions at a time, as concurrent requests of a producing app would write them.
      const producerLoop = async () => {
        while (performance.now() < end) {
          if (published - handled >= WINDOW) await sleep(1);
          else await publish(BATCH);
        }
      };
      await Promise.all(Array.from({ length: PRODUCERS }, producerLoop));
      const eventsPerSecond = (handled - from) / ((performance.now() - started) / 1000);
      if (process.env.BENCH_EVENTS_BACKLOG) {
        const unsent = await stack.producer.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('published_at', 'is', null)
          .executeTakeFirst();
        const pending = await stack.consumer.db
          .selectFrom('inbox')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirst();
        console.log(
          `backlog: outbox unsent ${unsent?.n}, inbox pending ${pending?.n}, in flight ${published - handled}`,
        );
      }
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

interface Producer {
  /** Publishes `count` events in one transaction (one insert, `publishMany`) and wakes the relay. */
  publish(count: number): Promise<void>;
  stop(): Promise<void>;
}

/** The producing app in this thread (the embedded mode: every app in one process). */
async function producerHere(stack: Stack): Promise<Producer> {
  const messaging: Messaging = await startMessaging({
    db: stack.producer.db,
    app: 'bench-producer',
    transport: stack.transport,
    log,
  });
  let n = 0;
  return {
    async publish(count) {
      await publishItems(stack.producer.db, messaging, n, count);
      n += count;
    },
    stop: () => messaging.stop(),
  };
}

/** The producing app in a worker thread (the distributed mode: a process per app). */
async function producerThread(config: RemoteProducer): Promise<Producer> {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { module: new URL('./events-producer.worker.ts', import.meta.url).href, producer: config },
  });
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let stopped: (() => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; id?: number; error?: string }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'stopped') stopped?.();
      else {
        const w = waiting.get(m.id!);
        waiting.delete(m.id!);
        if (m.type === 'published') w?.resolve();
        else w?.reject(new Error(`the producer thread failed to publish: ${m.error}`));
      }
    });
  });
  await ready;
  let next = 0;
  return {
    publish: (count) =>
      new Promise<void>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'publish', id, count });
      }),
    async stop() {
      await new Promise<void>((resolve) => {
        stopped = resolve;
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
    },
  };
}

/**
 * How the consumer applies events: `per event`, a handler per event (`onEvent`, one insert each); `batch`,
 * a batch handler (`onEvents`, one multi-row insert for the events of a worker batch).
 */
type Shape = 'per event' | 'batch';

/** The baseline: the consumer's same inserts, done directly in the consumer's database; no messaging. */
function directPipeline(stack: Stack, shape: Shape): Pipeline {
  let n = 0;
  const insert = (count: number) =>
    stack.consumer.db.transaction().execute(async (trx) => {
      if (shape === 'batch') {
        const rows = Array.from({ length: count }, () => ({ event_id: crypto.randomUUID(), n: ++n }));
        await insertEffects(trx, rows);
        return;
      }
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

/** Throughput of one consumer shape at saturation, against the same inserts done directly. */
async function saturation(stack: Stack, shape: Shape, seconds: number, target: boolean) {
  const direct = directPipeline(stack, shape);
  const events = await messagingPipeline(stack, shape);
  try {
    // Warm-up: JIT, pools, JetStream consumers; not counted.
    await events.saturate(Math.min(1, seconds / 5));
    await direct.saturate(Math.min(1, seconds / 5));
    const profileOut =
      target && shape === (process.env.BENCH_EVENTS_PROFILE_SHAPE ?? 'per event')
        ? process.env.BENCH_EVENTS_PROFILE_OUT
        : undefined;
    const e = profileOut
      ? await profiled(() => events.saturate(seconds)).then(({ result, profile }) => {
          writeFileSync(profileOut, JSON.stringify(profile));
          return result;
        })
      : await events.saturate(seconds);
    const d = await direct.saturate(seconds);
    const verdict = e.eventsPerSecond >= TARGET ? 'met' : 'NOT met';
    const line = [
      `    saturated, handler ${shape === 'per event' ? 'per event (onEvent, an insert each)' : 'per batch (onEvents, one insert a batch)'}: ` +
        `${num(e.eventsPerSecond)} events/s end to end (p50 ${ms(e.latencies, 50)}, ` +
        `p99 ${ms(e.latencies, 99)} with up to ${num(WINDOW)} in flight)` +
        (target ? `; target >= ${num(TARGET)}/s: ${verdict}` : ''),
      `               direct inserts${shape === 'batch' ? ` (${BATCH} rows a statement)` : ''}: ${num(d.eventsPerSecond)} rows/s → messaging ${ratio(e.eventsPerSecond, d.eventsPerSecond)} of baseline throughput`,
    ];
    return { line, events, direct, rate: e.eventsPerSecond, directRate: d.eventsPerSecond };
  } catch (error) {
    await events.stop();
    throw error;
  }
}

/** Events handled per second end to end, and the direct inserts' rows per second, per consumer shape. */
export interface EventsShapeFigures {
  events: number;
  direct: number;
}
export interface EventsFigures {
  inProcess?: { perEvent: EventsShapeFigures; batch: EventsShapeFigures };
  /** Absent when JetStream did not answer. */
  jetStream?: { perEvent: EventsShapeFigures; batch: EventsShapeFigures };
}

async function measure(
  stack: Stack,
  seconds: number,
  target: boolean,
  out: (figures: NonNullable<EventsFigures['jetStream']>) => void = () => {},
): Promise<string[]> {
  const lines = [`  ${stack.label}`];
  try {
    const batch = await saturation(stack, 'batch', seconds, target);
    await batch.events.stop();
    lines.push(...batch.line);
    const perEvent = await saturation(stack, 'per event', seconds, target);
    lines.push(...perEvent.line);
    out({
      perEvent: { events: perEvent.rate, direct: perEvent.directRate },
      batch: { events: batch.rate, direct: batch.directRate },
    });
    try {
      const rate = Math.max(1, Math.min(200, Math.round(perEvent.rate / 4)));
      const pe = await perEvent.events.paced(seconds / 2, rate);
      const pd = await perEvent.direct.paced(seconds / 2, rate);
      lines.push(
        `    paced at ${rate} events/s, one per transaction: delivery p50 ${ms(pe.latencies, 50)}, p99 ${ms(pe.latencies, 99)} ` +
          `(${pe.latencies.length} events); direct insert p50 ${ms(pd.latencies, 50)}, p99 ${ms(pd.latencies, 99)}`,
      );
    } finally {
      await perEvent.events.stop();
    }
    return lines;
  } finally {
    await stack.dispose();
  }
}

/**
 * Events end to end through the kernel messaging (`startMessaging` for a
 * producer app and a consumer app, default relay and worker settings): the
 * producer publishes in transactions through the outbox and wakes its relay,
 * the consumer's handler inserts one row per event. Throughput at saturation
 * (closed loop) and delivery latency (publish → handler) at a paced rate,
 * versus the same inserts done directly in the consumer's database. On
 * PostgreSQL (`benchDatabase()`) with the in-process bus, and with JetStream
 * when it answers (`NATS_URL`, or the local default).
 */
export const eventsBenchmark = {
  name: 'events end to end',
  async run(): Promise<Report<EventsFigures>> {
    const seconds = benchSeconds();
    const lines = [
      this.name,
      `  method:   throughput: ${PRODUCERS} producer transactions at a time, each publishing ${BATCH} events (one insert, publishMany), back to back ` +
        '(on JetStream + PostgreSQL the producing app runs in a worker thread of its own, as the distributed mode runs each app in its own process; ' +
        'in-process + PostgreSQL everything shares this thread, as the embedded mode does); each consumer shape (a handler per batch, then per event) ' +
        `against the same inserts done directly, for ${seconds} s, ` +
        `at most ${num(WINDOW)} events unhandled (closed loop), events/s = handled in the window ÷ its length; ` +
        `latency = publish → handler (performance.now in the payload). Then one event per transaction at ` +
        `a quarter of that rate (at most 200/s) for ${seconds / 2} s. Baseline: the handler's inserts done ` +
        `directly (${BATCH} per transaction; then one per transaction, its commit time as latency). ` +
        'Default relay (poll 250 ms, batch 500, up to 256 publishes in flight) and worker (poll 250 ms, batch 50, up to 4 batches at once); warm-up 1 s each, not counted',
    ];
    const { url } = await benchDatabase();
    const figures: EventsFigures = {};
    lines.push(
      ...(await measure(await inProcessStack(url), seconds, false, (f) => {
        figures.inProcess = f;
      })),
    );
    const nats = await natsUrl();
    if (nats)
      lines.push(
        ...(await measure(await jetStreamStack(url, nats), seconds, true, (f) => {
          figures.jetStream = f;
        })),
      );
    else
      lines.push('  JetStream + PostgreSQL: skipped (NATS_URL unset and the local default does not answer)');
    return { text: lines.join('\n'), figures };
  },
};
