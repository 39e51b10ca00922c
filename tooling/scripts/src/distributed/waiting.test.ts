import { freeBasePort } from '@egov/testing';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot } from '@egov/kernel/db';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedDistributed, launchDistributed } from './launch.ts';

/*
 * Issue 17, bad input and faults: an app started while its database and NATS
 * do not answer stays up, reports not ready on /readyz naming what it waits
 * for (alive on /healthz), retries, and becomes ready when they come, without
 * a restart. golden-shield beside a running platform; its database reached
 * through a forwarder that starts late, its NATS a server started late.
 */
const nats = process.env.NATS_URL;
const natsServer = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find(
  (p) => {
    try {
      execFileSync('test', ['-x', p]);
      return true;
    } catch {
      return false;
    }
  },
);
if ((!nats || !natsServer) && process.env.CI === 'true')
  throw new Error('CI must set NATS_URL and have nats-server: the waiting test may not be skipped');

const bridgeScript = fileURLToPath(new URL('./zone-bridge.mjs', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function readyz(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: await res.json() };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await probe().catch(() => undefined);
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(nats && natsServer)('an app whose database and NATS do not answer yet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'egov-waiting-'));
  const prefix = `egov_w${randomBytes(4).toString('hex')}_`;
  const stream = `EGOV_WAIT_${randomBytes(4).toString('hex')}`;
  const env = {
    ...process.env,
    EGOV_DATA_DIR: join(dir, 'data'),
    EGOV_EVENTS_STREAM: stream,
    EGOV_EVENTS_SUBJECT_PREFIX: `egov-wait-${stream}.events`,
    EGOV_LOG_LEVEL: 'warn',
    EGOV_SEED: 'false',
  };
  const children: ChildProcess[] = [];
  let launched: LaunchedDistributed;
  let app: ChildProcess;
  let output = '';
  let url: string;
  let dbPort: number;
  let natsPort: number;
  let shieldDatabase: URL;

  beforeAll(async () => {
    launched = await launchDistributed({
      basePort: await freeBasePort(),
      databasePrefix: prefix,
      only: ['golden-shield'],
      env,
    });
    // The launcher's golden-shield made its database and was enrolled; it goes, and comes back alone.
    const shield = launched.apps.find((a) => a.name === 'golden-shield')!;
    url = shield.url;
    shieldDatabase = new URL(shield.databaseUrl);
    const exited = new Promise((r) => shield.process.once('exit', r));
    shield.process.kill('SIGTERM');
    await exited;
    [dbPort, natsPort] = [await freePort(), await freePort()];
    const database = new URL(shieldDatabase);
    database.hostname = '127.0.0.1';
    database.port = String(dbPort);
    const root = findRepoRoot();
    app = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'apps/golden-shield/src/main.ts')], {
      cwd: resolve(root, 'apps/golden-shield'),
      env: {
        ...env,
        DATABASE_URL: database.href,
        NATS_URL: `nats://127.0.0.1:${natsPort}`,
        PORT: new URL(url).port,
        EGOV_PLATFORM_URL: launched.apps.find((a) => a.name === 'platform')!.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(app);
    app.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    app.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  });

  afterAll(async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await launched?.stop();
    const nc = await connect({ servers: nats! });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
    await nc.close();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays up, alive but not ready, naming both, then each as it comes, and is ready once both answer', async () => {
    const first = await until('a /readyz answer naming both', async () => {
      const r = await readyz(url);
      return r.body.waitingFor?.length === 2 ? r : undefined;
    });
    expect(first.status).toBe(503);
    expect(first.body.status).toBe('waiting');
    expect(first.body.waitingFor).toEqual([
      expect.stringMatching(new RegExp(`^NATS at 127\\.0\\.0\\.1:${natsPort} unreachable: `)),
      expect.stringMatching(
        new RegExp(
          `^the database at 127\\.0\\.0\\.1:${dbPort}${shieldDatabase.pathname} unreachable: .*ECONNREFUSED`,
        ),
      ),
    ]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // A procedure is not served either.
    expect((await fetch(`${url}/trpc/persons.get?input=%7B%7D`)).status).toBe(503);

    const natsChild = spawn(
      natsServer!,
      ['-js', '-a', '127.0.0.1', '-p', String(natsPort), '-sd', join(dir, 'js')],
      {
        stdio: 'ignore',
      },
    );
    children.push(natsChild);
    const second = await until('a /readyz answer naming the database alone', async () => {
      const r = await readyz(url);
      return r.body.waitingFor?.length === 1 ? r : undefined;
    });
    expect(second.status).toBe(503);
    expect(second.body.waitingFor).toEqual([expect.stringMatching(/^the database at /)]);

    const server = new URL(process.env.DATABASE_URL!);
    const bridge = spawn(
      process.execPath,
      [bridgeScript, `127.0.0.1:${dbPort}`, `${server.hostname}:${server.port || 5432}`],
      { stdio: 'ignore' },
    );
    children.push(bridge);
    const ready = await until('a ready app', async () => {
      const r = await readyz(url);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.body).toEqual({ status: 'ready', app: 'golden-shield' });
    expect(app.exitCode).toBeNull();
    expect(output).toMatch(/golden-shield waits: NATS at 127\.0\.0\.1:\d+ unreachable/);
  });

  it('holds for the platform too: alone on a database that comes late', async () => {
    const name = `${prefix}platform_late`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const [port, late] = [await freePort(), await freePort()];
    const database = new URL(process.env.DATABASE_URL!);
    const target = `${database.hostname}:${database.port || 5432}`;
    database.hostname = '127.0.0.1';
    database.port = String(late);
    database.pathname = `/${name}`;
    const root = findRepoRoot();
    const platform = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(root, 'apps/platform/src/main.ts')],
      {
        cwd: resolve(root, 'apps/platform'),
        env: {
          ...env,
          EGOV_DATA_DIR: join(dir, 'platform-late'),
          DATABASE_URL: database.href,
          PORT: String(port),
        },
        stdio: 'ignore',
      },
    );
    children.push(platform);
    const platformUrl = `http://127.0.0.1:${port}`;
    const waiting = await until('a /readyz answer from the waiting platform', () => readyz(platformUrl));
    expect(waiting.status).toBe(503);
    expect(waiting.body.waitingFor).toEqual([
      expect.stringMatching(new RegExp(`^the database at 127\\.0\\.0\\.1:${late}/${name} unreachable: `)),
    ]);
    children.push(spawn(process.execPath, [bridgeScript, `127.0.0.1:${late}`, target], { stdio: 'ignore' }));
    const ready = await until('a ready platform', async () => {
      const r = await readyz(platformUrl);
      return r.status === 200 ? r : undefined;
    });
    expect(ready.body).toEqual({ status: 'ready', app: 'platform' });
    expect(platform.exitCode).toBeNull();
  });
});
