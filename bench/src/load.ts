import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { profiled } from './probes.ts';

export interface LoadResult {
  requestsPerSecond: number;
  /** Requests answered in the whole run. */
  requests?: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  durationSeconds?: number;
  connections?: number;
}

/**
 * Drives a server with autocannon from a worker thread, so the load generator
 * does not share the server's event loop. Every request must answer 2xx:
 * a benchmark of error responses would measure the wrong thing.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body ? { body: options.body } : {}),
    duration: options.durationSeconds ?? Number(process.env.BENCH_SECONDS ?? 5),
    connections: options.connections ?? 10,
    workers: 1,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load on ${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export interface Comparison {
  name: string;
  subject: LoadResult;
  baseline: LoadResult;
}

/** One line per benchmark: subject vs bare baseline, as a ratio. */
export function report(c: Comparison): string {
  const ratio = c.subject.requestsPerSecond / c.baseline.requestsPerSecond;
  const f = (r: LoadResult) => `${Math.round(r.requestsPerSecond)} req/s (p99 ${r.p99Ms} ms)`;
  return `${c.name}\n  kernel:   ${f(c.subject)}\n  baseline: ${f(c.baseline)}\n  ratio:    ${ratio.toFixed(2)}x of baseline throughput`;
}

/** One side of a comparison: what to load, and hooks around each of its loads. */
export interface Side extends LoadOptions {
  name: string;
  before?: () => void;
  /** After each of its loads (the kernel: fold the audit backlog into the tree before the next side). */
  after?: () => Promise<unknown>;
}

export interface SideResult extends LoadResult {
  /** Main-thread (server event loop) busy time per request, from event-loop utilization; autocannon runs in a worker. */
  busyUsPerRequest: number;
}

/**
 * Subject and baselines in the same run: each side warmed up for 1 s (not
 * counted), then measured in two halves in the order of `sides` and then
 * reversed (K B A A B K), so a drift in background load weighs on all alike.
 * req/s averaged over the halves, requests summed, p99 the worse half,
 * main-thread busy time per request over both. `profileFirstTo` writes a CPU
 * profile of an extra, unmeasured half of the first side to that file.
 */
export async function loadSides(
  sides: Side[],
  seconds: number,
  options: { profileFirstTo?: string | undefined } = {},
): Promise<Map<string, SideResult>> {
  const run = async (side: Side, duration: number): Promise<SideResult> => {
    side.before?.();
    const before = performance.eventLoopUtilization();
    const { name: _name, before: _before, after: _after, ...target } = side;
    const r = await load({ ...target, durationSeconds: duration });
    const busyMs = performance.eventLoopUtilization(before).active;
    await side.after?.();
    return { ...r, busyUsPerRequest: (busyMs * 1000) / (r.requests ?? r.requestsPerSecond * duration) };
  };
  for (const side of sides) await run(side, 1); // warm-up: JIT, pool connections; not counted
  if (options.profileFirstTo) {
    const { profile } = await profiled(() => run(sides[0]!, seconds / 2));
    writeFileSync(options.profileFirstTo, JSON.stringify(profile));
  }
  const halves = new Map<string, SideResult[]>(sides.map((s) => [s.name, []]));
  for (const side of [...sides, ...[...sides].reverse()])
    halves.get(side.name)!.push(await run(side, seconds / 2));
  return new Map(
    [...halves].map(([name, [a, b]]) => [
      name,
      {
        requestsPerSecond: (a!.requestsPerSecond + b!.requestsPerSecond) / 2,
        requests: (a!.requests ?? 0) + (b!.requests ?? 0),
        p99Ms: Math.max(a!.p99Ms, b!.p99Ms),
        errors: 0,
        non2xx: 0,
        busyUsPerRequest:
          (a!.busyUsPerRequest * a!.requestsPerSecond + b!.busyUsPerRequest * b!.requestsPerSecond) /
          (a!.requestsPerSecond + b!.requestsPerSecond),
      },
    ]),
  );
}
