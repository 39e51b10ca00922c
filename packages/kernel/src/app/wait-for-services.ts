import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { Logger } from '../log/logger.ts';

/** A service a lone app needs before it can start: a name for `/readyz`, and one attempt to reach it. */
export interface NeededService<T> {
  what: string;
  attempt(): Promise<T>;
}

export interface WaitOptions {
  appName: string;
  /** Where the app will listen; 0: no placeholder server (the port is not known before the app's own). */
  port: number;
  hostname: string;
  log: Logger;
  /** The first pause between rounds, doubled up to `maxRetryMs` (default 250 ms and 5 s). */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * A database URL without its password, for a reason shown on `/readyz` and in the log.
 *
 * @example
 * where('postgres://app:secret@db:5432/egov_golden_tax') // 'db:5432/egov_golden_tax'
 */
export function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/** One attempt at the database: connect and `select 1`, within 5 s. */
export async function pingDatabase(url: string): Promise<undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Waits until every needed service answers, retrying with backoff, and returns
 * what each attempt gave. Meanwhile the app's port answers `/healthz` with 200
 * (the process is alive: no restart loop) and `/readyz`, and everything else,
 * with 503 naming each service not reached yet and why, so that an
 * orchestrator keeps traffic away and an operator sees the reason. The
 * placeholder closes before the app's own server takes the port.
 *
 * @example
 * const [transport] = await waitForServices([{ what: 'NATS', attempt: () => transportFromEnv(env) }], options);
 */
export async function waitForServices<T extends unknown[]>(
  needed: { [K in keyof T]: NeededService<T[K]> },
  options: WaitOptions,
): Promise<T> {
  const results: unknown[] = new Array(needed.length);
  const done = new Array<boolean>(needed.length).fill(false);
  const waiting = new Map<string, string>();
  let server: Server | undefined;
  let pause = options.retryMs ?? 250;
  const maxPause = options.maxRetryMs ?? 5_000;
  try {
    for (let round = 0; ; round++) {
      await Promise.all(
        needed.map(async (service, i) => {
          if (done[i]) return;
          try {
            results[i] = await service.attempt();
            done[i] = true;
            if (waiting.delete(service.what)) options.log.info(`${service.what} answers now`);
          } catch (error) {
            const reason = `${service.what} unreachable: ${(error as Error).message || String(error)}`;
            if (waiting.get(service.what) !== reason)
              options.log.warn(`${options.appName} waits: ${reason}; retrying, not ready until then`);
            waiting.set(service.what, reason);
          }
        }),
      );
      if (done.every(Boolean)) return results as T;
      if (round === 0 && options.port !== 0) server = await placeholder(options, waiting);
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(maxPause, pause * 2);
    }
  } finally {
    if (server) {
      const closed = new Promise<void>((r) => server!.close(() => r()));
      server.closeAllConnections();
      await closed;
    }
  }
}

function placeholder(options: WaitOptions, waiting: Map<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const body =
      path === '/healthz'
        ? { status: 'ok', app: options.appName, ready: false }
        : { status: 'waiting', app: options.appName, waitingFor: [...waiting.values()] };
    res.writeHead(path === '/healthz' ? 200 : 503, {
      'content-type': 'application/json',
      connection: 'close',
    });
    res.end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => resolve(server));
  });
}
