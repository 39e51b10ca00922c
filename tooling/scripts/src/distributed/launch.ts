import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { serviceKeyFile } from '@egov/kernel/app';
import {
  createDatabase,
  dataRoot,
  type EmbeddedServer,
  findRepoRoot,
  schemaNameFor,
  startEmbeddedServer,
} from '@egov/kernel/db';
import { loadOrCreateServiceKey, type Zone } from '@egov/kernel/identity';
import { enrolService, platformApp } from '@egov/platform/provisioning';
import pg from 'pg';
import { everyService, selectApps } from '../embedded/apps.ts';

/**
 * The distributed mode on one machine: every app in its own OS process (its
 * own `src/main.ts`, as it would run in a container), each on a database of
 * its own (`egov_<schema>`, not a schema of a shared one) on the PostgreSQL at
 * `DATABASE_URL` or the embedded server, events over NATS JetStream, the
 * platform as identity provider and registry. The launcher only prepares
 * (databases, the apps' keys enrolled at the platform) and supervises.
 */
export interface DistributedOptions {
  basePort: number;
  /** Each app's database is `<prefix><schema>`; default `egov_` (tests use one of their own). */
  databasePrefix?: string;
  env?: NodeJS.ProcessEnv;
  only?: string[];
  progress?: (line: string) => void;
  /**
   * Where each app runs (the zones test: in its zone's network namespace);
   * default: this machine's namespace on 127.0.0.1 with `DATABASE_URL` and `NATS_URL` as given.
   */
  place?: (app: { name: string; zone: Zone }) => AppPlacement;
}

/** An app's place on the network: how to start it there, its address, the endpoints it sees from there. */
export interface AppPlacement {
  /** A command prefix the app's process is started under, e.g. `['ip', 'netns', 'exec', 'egz1i']`. */
  command: string[];
  /** The address it listens on and is reached and registered at. */
  host: string;
  /** Its database's URL as seen from its place (the launcher gives it the one seen from here). */
  databaseUrl: (url: string) => string;
  /** The NATS server it sees from its place. */
  natsUrl: string;
}

export interface AppProcess {
  name: string;
  url: string;
  databaseUrl: string;
  process: ChildProcess;
}

export interface LaunchedDistributed {
  apps: AppProcess[];
  server?: EmbeddedServer;
  /** Starts an app's process again after it died (a SIGKILL in a test, say), and waits until it is ready. */
  restart(name: string): Promise<AppProcess>;
  stop(): Promise<void>;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

/** The line of a dead app's output that says why: its error, not the stack under it. */
function reason(output: string): string {
  const lines = output
    .trim()
    .split('\n')
    .filter((l) => !/^\s+at /.test(l) && l.trim() !== '');
  return lines.find((l) => /error/i.test(l)) ?? lines.slice(-3).join(' / ');
}

async function waitReady(app: AppProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (app.process.exitCode !== null || app.process.signalCode !== null)
      throw new Error(`${app.name} exited before it was ready: ${reason(output())}`);
    try {
      const res = await fetch(`${app.url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${app.name} was not ready within 120 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchDistributed(options: DistributedOptions): Promise<LaunchedDistributed> {
  const env = options.env ?? process.env;
  const say = options.progress ?? (() => undefined);
  if (!env.NATS_URL)
    throw new Error(
      'the distributed mode sends events over NATS JetStream: set NATS_URL (e.g. `nats-server -js`, see the README)',
    );
  const server = env.DATABASE_URL
    ? undefined
    : await startEmbeddedServer({ dataDir: join(dataRoot(env), 'postgres'), log: say });
  const serverUrl = env.DATABASE_URL ?? server!.url;
  const root = findRepoRoot();
  const prefix = options.databasePrefix ?? 'egov_';
  if (!/^[a-z_][a-z0-9_]{0,30}$/.test(prefix)) throw new Error(`not a database name prefix: ${prefix}`);
  const agencies = selectApps(options.only);
  const plan = [
    { name: platformApp.name, zone: platformApp.zone as Zone, offset: 0, permissions: everyService },
    ...agencies.map((a) => ({
      name: a.definition.name,
      zone: a.definition.zone,
      offset: a.portOffset,
      permissions: a.servicePermissions,
    })),
  ];
  const started: AppProcess[] = [];
  const outputs = new Map<string, string>();
  const placeOf = (entry: (typeof plan)[number]) => options.place?.({ name: entry.name, zone: entry.zone });
  const platformUrl = `http://${placeOf(plan[0]!)?.host ?? '127.0.0.1'}:${options.basePort}`;

  const spawnApp = async (entry: (typeof plan)[number]): Promise<AppProcess> => {
    const name = `${prefix}${schemaNameFor(entry.name)}`;
    await ensureDatabase(serverUrl, name);
    const placement = placeOf(entry);
    const url = `http://${placement?.host ?? '127.0.0.1'}:${options.basePort + entry.offset}`;
    const main = ['--import', 'tsx', resolve(root, 'apps', entry.name, 'src', 'main.ts')];
    const [program, ...args] = placement
      ? [...placement.command, process.execPath, ...main]
      : [process.execPath, ...main];
    const child = spawn(program!, args, {
      cwd: resolve(root, 'apps', entry.name),
      env: {
        ...env,
        DATABASE_URL: placement
          ? placement.databaseUrl(databaseUrl(serverUrl, name))
          : databaseUrl(serverUrl, name),
        ...(placement ? { HOST: placement.host, EGOV_ADVERTISE_URL: url, NATS_URL: placement.natsUrl } : {}),
        PORT: String(options.basePort + entry.offset),
        EGOV_PLATFORM_URL: platformUrl,
        EGOV_SEED: env.EGOV_SEED ?? 'true',
        EGOV_LOG_LEVEL: env.EGOV_LOG_LEVEL ?? 'warn',
        EGOV_DATA_DIR: dataRoot(env),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    outputs.set(entry.name, '');
    const keep = (chunk: Buffer) =>
      outputs.set(entry.name, (outputs.get(entry.name)! + chunk.toString()).slice(-20_000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const app = { name: entry.name, url, databaseUrl: databaseUrl(serverUrl, name), process: child };
    await waitReady(app, () => outputs.get(entry.name) ?? '');
    say(`${entry.name.padEnd(16)} ${url} (pid ${child.pid}, database ${name})`);
    return app;
  };

  const stopApp = async (app: AppProcess) => {
    if (app.process.exitCode !== null || app.process.signalCode !== null) return;
    const exited = new Promise((r) => app.process.once('exit', r));
    app.process.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (app.process.exitCode === null && app.process.signalCode === null) app.process.kill('SIGKILL');
  };

  const stop = async () => {
    for (const app of [...started].reverse()) await stopApp(app);
    await server?.stop();
  };

  try {
    started.push(await spawnApp(plan[0]!));
    // The platform vouches for every app's own key, as `egov services enrol` would: in the platform's database.
    const platformDb = await createDatabase<any>({
      kind: 'postgres',
      url: databaseUrl(serverUrl, `${prefix}${schemaNameFor('platform')}`),
      schema: schemaNameFor('platform'),
      poolSize: 2,
      appRole: false,
    });
    try {
      for (const entry of plan) {
        const key = await loadOrCreateServiceKey(serviceKeyFile(entry.name, env), {});
        await enrolService(platformDb.db, {
          name: entry.name,
          zone: entry.zone,
          publicJwk: key.publicJwk,
          permissions: entry.permissions,
        });
      }
    } finally {
      await platformDb.close();
    }
    for (const entry of plan.slice(1)) started.push(await spawnApp(entry));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    apps: started,
    server,
    stop,
    restart: async (name) => {
      const index = started.findIndex((a) => a.name === name);
      const entry = plan.find((p) => p.name === name);
      if (index < 0 || !entry) throw new Error(`no app named ${name} in this launch`);
      await stopApp(started[index]!);
      const app = await spawnApp(entry);
      started[index] = app;
      return app;
    },
  };
}
