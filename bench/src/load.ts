import autocannon from 'autocannon';

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
