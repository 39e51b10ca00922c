import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenCustoms } from '@egov/golden-customs';
import { goldenFinance } from '@egov/golden-finance';
import { goldenTax } from '@egov/golden-tax';
import { type AgencyAppDefinition, type StartedApp, startAgencyApp } from '@egov/kernel/app';
import { createDatabase, type DatabaseConfig, schemaNameFor } from '@egov/kernel/db';
import { loadOrCreateServiceKey } from '@egov/kernel/identity';
import { createLogger, type Logger } from '@egov/kernel/log';
import { createInProcessTransport } from '@egov/kernel/messaging';
import { callProcedure } from '@egov/kernel/network';
import {
  createPlatformVerifier,
  enrolService,
  ensureActiveKey,
  platformApp,
  registerDirect,
} from '@egov/platform/provisioning';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import pg from 'pg';

/*
 * A bench-local copy of what `tooling/scripts/src/embedded/launch.ts` does
 * (`@egov/scripts` exports nothing): the platform first, then the agency apps
 * in this process, each on its own loopback port, registered through the
 * platform over HTTP, one in-process event bus. Differences, so a benchmark
 * controls its setup: any subset of the apps, ports picked by the OS, the
 * database chosen per schema by the caller, service keys in a throwaway
 * directory, and only the platform's demo officials seeded (no app demo data).
 */

/** An app beside the platform, and what its service identity may do (as `tooling/scripts/src/embedded/apps.ts`). */
export interface BenchApp {
  definition: AgencyAppDefinition<any>;
  servicePermissions: string[];
}

const everyService = ['platform.registry.register', 'platform.registry.read'];

export const financeApp: BenchApp = { definition: goldenFinance, servicePermissions: [...everyService] };
export const taxApp: BenchApp = {
  definition: goldenTax,
  servicePermissions: [
    ...everyService,
    'golden-finance.treasury.expect',
    'golden-finance.treasury.receive',
    'golden-finance.treasury.read',
  ],
};
export const customsApp: BenchApp = {
  definition: goldenCustoms,
  servicePermissions: [...everyService, 'golden-finance.treasury.expect', 'golden-finance.treasury.receive'],
};

export interface Launched {
  platformUrl: string;
  /** Started apps by name, the platform included. */
  apps: Map<string, StartedApp<any>>;
  stop(): Promise<void>;
}

/**
 * Starts the platform and `apps` (in that order: callees first) on the
 * databases `config` names per schema. Service keys go to a fresh temporary
 * directory (the EGOV_DATA_DIR of the embedded mode), removed on stop.
 */
export async function launchApps(
  apps: BenchApp[],
  config: (schema: string) => DatabaseConfig,
  logger: Logger = createLogger({ name: 'bench', level: process.env.EGOV_LOG_LEVEL ?? 'error' }),
): Promise<Launched> {
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-bench-'));
  const keyOf = (name: string) => loadOrCreateServiceKey(join(dataDir, 'keys', `${name}.jwk`), {});
  const transport = createInProcessTransport({ holdUntilOpen: true });
  const started: StartedApp<any>[] = [];
  const stop = async () => {
    for (const s of [...started].reverse()) await s.serving.stop();
    await transport.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const platformDb = await createDatabase<any>(config(schemaNameFor('platform')));
    const platform = await startAgencyApp(platformApp, {
      database: platformDb,
      port: 0,
      verifyToken: createPlatformVerifier(platformDb),
      register: false,
      transport,
      serviceKey: await keyOf('platform'),
      logger: logger.child({ app: 'platform' }),
    });
    started.push(platform);
    await ensureActiveKey(platformDb.db);
    await enrolService(platformDb.db, {
      name: 'platform',
      zone: platformApp.zone,
      publicJwk: platform.serviceKey.publicJwk,
      permissions: everyService,
    });
    await registerDirect(platformDb.db, {
      name: 'platform',
      zone: platformApp.zone,
      baseUrl: platform.serving.url,
      version: '0.0.0',
    });
    await platformApp.seed?.(platformDb, logger); // the demo officials and their roles
    for (const entry of apps) {
      const { definition } = entry;
      const serviceKey = await keyOf(definition.name);
      await enrolService(platformDb.db, {
        name: definition.name,
        zone: definition.zone,
        publicJwk: serviceKey.publicJwk,
        permissions: entry.servicePermissions,
      });
      started.push(
        await startAgencyApp(definition, {
          database: config(schemaNameFor(definition.name)),
          platformUrl: platform.serving.url,
          port: 0,
          serviceKey,
          transport,
          logger: logger.child({ app: definition.name }),
        }),
      );
    }
    transport.open();
    return {
      platformUrl: platform.serving.url,
      apps: new Map(started.map((s) => [s.app.name, s])),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Logs a demo official in (the platform's seed: password `<username>-demo-password`); the access token. */
export async function login(platformUrl: string, username: string): Promise<string> {
  const { accessToken } = await callProcedure<{ accessToken: string }>(platformUrl, 'auth.login', {
    type: 'mutation',
    input: { username, password: `${username}-demo-password` },
  });
  return accessToken;
}

/** A typed client for one app, as an official holding `token` (what a workbench would use). */
export function asOfficial<TRouter extends AnyRouter>(baseUrl: string, token: string): TRPCClient<TRouter> {
  return createTRPCClient<TRouter>({
    links: [httpLink<any>({ url: `${baseUrl}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) })],
  });
}

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
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
