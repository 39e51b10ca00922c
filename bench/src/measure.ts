import { join } from 'node:path';
import { dataRoot, type EmbeddedServer, startEmbeddedServer } from '@egov/kernel/db';

/**
 * Shared measuring tools for the in-process benchmarks (no HTTP): fixed-time
 * loops, subject and baseline in the same run, reported as ratios; and the
 * PostgreSQL they run on.
 */

/**
 * What a benchmark hands back: the text it prints, and its figures as numbers, which
 * `pnpm bench --compare` (`src/targets.ts`) reads to set each row against its target.
 */
export interface Report<F> {
  text: string;
  figures: F;
}

/** Seconds of load per measured side: `BENCH_SECONDS`, 5 by default. */
export function benchSeconds(): number {
  const value = Number(process.env.BENCH_SECONDS ?? 5);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`BENCH_SECONDS must be a positive number`);
  return value;
}

export interface Rate {
  /** Operations completed per second of wall time. */
  perSecond: number;
  count: number;
  seconds: number;
}

/**
 * Calls `op` back to back, one at a time (each awaited before the next), for
 * `seconds` of wall time; at least once. `op(i)` gets the iteration number.
 */
export async function timed(op: (i: number) => Promise<unknown>, seconds: number): Promise<Rate> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let count = 0;
  do {
    await op(count);
    count += 1;
  } while (performance.now() < deadline);
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: count / elapsed, count, seconds: elapsed };
}

function merge(a: Rate, b: Rate): Rate {
  const count = a.count + b.count;
  const seconds = a.seconds + b.seconds;
  return { perSecond: count / seconds, count, seconds };
}

/**
 * Subject and baseline in the same run: a short warm-up of each (10 % of the
 * time, not counted; skip it when the caller has already run both), then each
 * measured for `seconds` in two halves in the order subject, baseline,
 * baseline, subject, so a drift in background load weighs on both sides alike.
 */
export async function compare(
  subject: (i: number) => Promise<unknown>,
  baseline: (i: number) => Promise<unknown>,
  seconds: number,
  options: { warmUp?: boolean } = {},
): Promise<{ subject: Rate; baseline: Rate }> {
  if (options.warmUp !== false) {
    await timed(subject, seconds * 0.1);
    await timed(baseline, seconds * 0.1);
  }
  const s1 = await timed(subject, seconds / 2);
  const b1 = await timed(baseline, seconds / 2);
  const b2 = await timed(baseline, seconds / 2);
  const s2 = await timed(subject, seconds / 2);
  return { subject: merge(s1, s2), baseline: merge(b1, b2) };
}

/** 12,345 / 12.3 / 0.123: enough digits to read, not more. */
export function num(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(1);
  return n.toPrecision(3);
}

/** `0.82x` of the baseline's throughput (above 1: the subject is faster). */
export function ratio(subject: number, baseline: number): string {
  return `${(subject / baseline).toFixed(2)}x`;
}

/** The p-th percentile (0..100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** Whether a TCP port answers within `ms` (a cheap probe for the local defaults). */
export async function answers(url: string, defaultPort: number, ms = 500): Promise<boolean> {
  const { connect } = await import('node:net');
  const first = url.split(',')[0]!.trim();
  const parsed = new URL(first.includes('://') ? first : `tcp://${first}`);
  const port = Number(parsed.port || defaultPort);
  return new Promise((resolve) => {
    const socket = connect({ host: parsed.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(ms, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface BenchDatabase {
  /** Connection string of a database the benchmark may create schemas, roles and databases in. */
  url: string;
  /** What the output calls it. */
  label: string;
}

let embedded: Promise<EmbeddedServer> | undefined;

/**
 * The PostgreSQL every database benchmark runs on: `DATABASE_URL` when set;
 * else the embedded server `egov start` runs (same binaries and settings),
 * started once per `pnpm bench` under `<data root>/bench-postgres` (initdb the
 * first time, about 10 s; a fraction of a second after) on a free port, and
 * stopped by `stopBenchDatabase()`. A run killed half-way leaves it running;
 * the next run adopts it from its data dir.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, label: 'PostgreSQL (DATABASE_URL)' };
  embedded ??= startEmbeddedServer({
    dataDir: join(dataRoot(), 'bench-postgres'),
    port: 0,
    database: 'egov_bench',
    log: (line) => console.log(`  [bench database] ${line}`),
  });
  const server = await embedded;
  return { url: server.url, label: `embedded PostgreSQL (port ${server.port})` };
}

/**
 * Stops the embedded server if this run started or adopted one, once the
 * sessions of closed pools have ended (up to 5 s): a closed pool has sent its
 * goodbyes, but the server may not have read them yet.
 */
export async function stopBenchDatabase(): Promise<void> {
  const server = await embedded?.catch(() => undefined);
  embedded = undefined;
  if (!server) return;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const deadline = performance.now() + 5_000;
  const others = async () =>
    (
      await client.query(
        "select count(*)::int as n from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()",
      )
    ).rows[0].n as number;
  while ((await others()) > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await client.end();
  await server.stop();
}

/** `NATS_URL`, or the local default when it answers; undefined: JetStream is skipped. */
export async function natsUrl(): Promise<string | undefined> {
  const url = process.env.NATS_URL ?? DEFAULT_NATS_URL;
  return (await answers(url, 4222)) ? url : undefined;
}

/** One line of the machine the figures come from. */
export async function machine(): Promise<string> {
  const os = await import('node:os');
  return `${os.cpus().length} cores, Node ${process.versions.node}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}

export interface Loop {
  /** Operations completed per second of wall time. */
  perSecond: number;
  count: number;
  seconds: number;
  /** Each operation's wall time, ms. */
  latencies: number[];
}

/**
 * A closed loop: `concurrency` workers each call `op` back to back until
 * `seconds` of wall time have passed; operations started before the end are
 * awaited and counted, and the time runs until the last one finished. The
 * first error stops every worker and is thrown.
 */
export async function closedLoop(
  op: (i: number) => Promise<unknown>,
  concurrency: number,
  seconds: number,
): Promise<Loop> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && performance.now() < deadline) {
      const t = performance.now();
      try {
        await op(next++);
      } catch (error) {
        failed = true;
        throw error;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: latencies.length / elapsed, count: latencies.length, seconds: elapsed, latencies };
}

/** Two loops as one: counts and latencies pooled, the rate over both times. */
export function mergeLoops(a: Loop, b: Loop): Loop {
  const count = a.count + b.count;
  const seconds = a.seconds + b.seconds;
  return { perSecond: count / seconds, count, seconds, latencies: [...a.latencies, ...b.latencies] };
}
