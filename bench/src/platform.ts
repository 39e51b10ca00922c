import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedApp } from '@egov/kernel/app';
import { type DatabaseConfig, databaseConfigFromEnv } from '@egov/kernel/db';
import { createLogger, type Logger } from '@egov/kernel/log';
import { createInProcessTransport } from '@egov/kernel/messaging';
import { type EmbeddedApp, embeddedApps } from '@egov/scripts/apps';
import { launchApps } from '@egov/scripts/launch';
import { chinaDate } from '@egov/standards';
import pg from 'pg';

/** The embedded mode's own app entries (`tooling/scripts`), picked by name for a benchmark. */
const entry = (name: string): EmbeddedApp => {
  const found = embeddedApps.find((a) => a.definition.name === name);
  if (!found) throw new Error(`no embedded app named ${name}`);
  return found;
};
export type BenchApp = EmbeddedApp;
export const financeApp = entry('golden-finance');
export const taxApp = entry('golden-tax');
export const customsApp = entry('golden-customs');

export interface Launched {
  platformUrl: string;
  /** Started apps by name, the platform included. */
  apps: Map<string, StartedApp<any>>;
  stop(): Promise<void>;
}

/**
 * The embedded launcher (`launchApps` of `tooling/scripts`) as a benchmark
 * wants it: any subset of the apps, ports picked by the OS, the database
 * chosen per schema by the caller, service keys in a throwaway directory,
 * and only the platform's demo officials seeded (no app demo data).
 */
export async function launchBenchApps(
  apps: BenchApp[],
  config: (schema: string) => DatabaseConfig,
  logger: Logger = createLogger({ name: 'bench', level: process.env.EGOV_LOG_LEVEL ?? 'error' }),
): Promise<Launched> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const launched = await launchApps({
    apps,
    database: config,
    keyFile: (name) => join(dataDir, 'keys', `${name}.jwk`),
    basePort: 0,
    seed: 'platform',
    transport: createInProcessTransport({ holdUntilOpen: true }),
    logger,
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    platformUrl: launched.platformUrl,
    apps: new Map(launched.apps.map((s) => [s.app.name, s])),
    stop: async () => {
      await launched.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Each app's database as `egov start` configures it on `url`: a schema, an app role and a pool of its own. */
export const asEgovStart =
  (url: string) =>
  (schema: string): DatabaseConfig =>
    databaseConfigFromEnv(schema, { DATABASE_URL: url });

export { asOfficial, login } from '@egov/scripts/officials';

/**
 * A database of its own for one run, created on the server of `baseUrl`
 * (the embedded mode's schema names are fixed per app, so two runs, or a
 * run and a developer's `egov start`, must not share a database); dropped
 * with everything in it afterwards.
 */
export async function scratchDatabase(
  baseUrl: string,
  name: string,
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists "${name}" with (force)`);
  await admin(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const connected = async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      const r = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        name,
      ]);
      return r.rows[0].n as number;
    } finally {
      await client.end();
    }
  };
  const drop = async () => {
    // A closed pool has sent its goodbyes, but the server may not have read them yet: wait for the sessions to
    // end (a forced drop would make those clients emit errors nobody listens to any more).
    const t = performance.now();
    let n = await connected();
    while (n > 0 && performance.now() - t < 5_000) {
      await new Promise((r) => setTimeout(r, 20));
      n = await connected();
    }
    await admin(`drop database if exists "${name}" with (force)`);
  };
  return { url: url.href, name, drop };
}

export interface RouteTime {
  /** Seconds spent in requests to the route (the kernel's `egov_http_request_duration_seconds` sum). */
  seconds: number;
  count: number;
}

/**
 * One app's server-side request time by route, from its Prometheus `/metrics`
 * (`egov_http_request_duration_seconds` sum and count): the kernel measures
 * from its metrics middleware (after the request-id and logging middlewares)
 * to the end of the response, so it holds the tRPC handler, the kernel's
 * middleware (token, permission, transaction, audit record, idempotency key)
 * and the service, not the HTTP parsing before Hono nor the client's side.
 */
export async function requestTimes(baseUrl: string): Promise<Map<string, RouteTime>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const times = new Map<string, RouteTime>();
  const line = /^egov_http_request_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$/gm;
  for (const [, kind, labels, value] of text.matchAll(line)) {
    const route = /route="([^"]*)"/.exec(labels!)?.[1];
    if (!route?.startsWith('/trpc/')) continue;
    const t = times.get(route) ?? { seconds: 0, count: 0 };
    if (kind === 'sum') t.seconds = Number(value);
    else t.count = Number(value);
    times.set(route, t);
  }
  return times;
}

/** The request time between two `requestTimes` readings, summed over routes; seconds and requests. */
export function timeBetween(before: Map<string, RouteTime>, after: Map<string, RouteTime>): RouteTime {
  let seconds = 0;
  let count = 0;
  for (const [route, t] of after) {
    seconds += t.seconds - (before.get(route)?.seconds ?? 0);
    count += t.count - (before.get(route)?.count ?? 0);
  }
  return { seconds, count };
}

/** Today in China (`YYYY-MM-DD`), the business date the apps use. */
export const chinaToday = (): string => chinaDate(new Date());
