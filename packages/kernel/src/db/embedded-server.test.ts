import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedServerStatus, processAlive as alive, startEmbeddedServer } from './embedded-server.ts';

/*
 * The embedded PostgreSQL under faults: data dirs that are not its own, a
 * launcher killed with SIGKILL, a port in use, a server that crashes under a
 * write load, and a disk that fills during initdb. Each either works or says
 * what to do; none loses a commit that was acknowledged.
 */
const root = mkdtempSync(join(tmpdir(), 'egov-embedded-'));
// As root the server runs as `postgres`, which must pass through this folder (mkdtemp makes it 0700).
chmodSync(root, 0o711);
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = (name: string) => join(root, name, 'postgres');

describe('the embedded PostgreSQL', () => {
  it('refuses a data dir that is not a PostgreSQL cluster, naming what to do', async () => {
    mkdirSync(dir('foreign'), { recursive: true });
    writeFileSync(join(dir('foreign'), 'notes.txt'), 'my files');
    await expect(startEmbeddedServer({ dataDir: dir('foreign'), port: 0 })).rejects.toThrow(
      /is not a PostgreSQL data directory \(no PG_VERSION\): move it away, or set EGOV_DATA_DIR/,
    );
    expect(readFileSync(join(dir('foreign'), 'notes.txt'), 'utf8')).toBe('my files');
  });

  it('refuses a cluster of another major version', async () => {
    mkdirSync(dir('old'), { recursive: true });
    writeFileSync(join(dir('old'), 'PG_VERSION'), '13\n');
    await expect(startEmbeddedServer({ dataDir: dir('old'), port: 0 })).rejects.toThrow(
      /holds a PostgreSQL 13 cluster; the embedded server is PostgreSQL 17/,
    );
  });

  it('refuses a port in use, naming the variable to change', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((done) =>
      blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
    );
    try {
      await expect(startEmbeddedServer({ dataDir: dir('port'), port })).rejects.toThrow(
        new RegExp(`port ${port} is in use: .*EGOV_POSTGRES_PORT`),
      );
    } finally {
      blocker.close();
    }
  });

  it('is found and used again after its launcher was killed with SIGKILL', async () => {
    const script = `
      import { startEmbeddedServer } from ${JSON.stringify(new URL('./embedded-server.ts', import.meta.url).pathname)};
      const server = await startEmbeddedServer({ dataDir: ${JSON.stringify(dir('orphan'))}, port: 0 });
      console.log('ready ' + server.pid);
      setInterval(() => {}, 1000);`;
    const launcher = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((done) =>
      launcher.stdout!.on('data', (chunk: Buffer) => {
        const match = /ready (\d+)/.exec(chunk.toString());
        if (match) done(Number(match[1]));
      }),
    );
    launcher.kill('SIGKILL');
    await new Promise((r) => launcher.once('exit', r));
    expect(alive(pid)).toBe(true);
    expect(embeddedServerStatus(dir('orphan'))?.pid).toBe(pid);

    const adopted = await startEmbeddedServer({ dataDir: dir('orphan'), port: 0 });
    expect(adopted).toMatchObject({ pid, adopted: true });
    const client = new pg.Client({ connectionString: adopted.url });
    await client.connect();
    expect((await client.query('select 1 as one')).rows[0].one).toBe(1);
    await client.end();
    await adopted.stop();
    expect(alive(pid)).toBe(false);
    expect(embeddedServerStatus(dir('orphan'))).toBeUndefined();
  });

  it('loses no acknowledged commit when the server is killed during a write load', async () => {
    const server = await startEmbeddedServer({ dataDir: dir('crash'), port: 0 });
    const setup = new pg.Client({ connectionString: server.url });
    await setup.connect();
    await setup.query('create table acknowledged (n int primary key)');
    await setup.end();

    const acknowledged: number[] = [];
    const writers = Array.from({ length: 4 }, async (_, w) => {
      const client = new pg.Client({ connectionString: server.url });
      client.on('error', () => undefined);
      await client.connect();
      for (let n = w; ; n += 4) {
        try {
          await client.query('insert into acknowledged values ($1)', [n]);
          acknowledged.push(n);
        } catch {
          return;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 700));
    // The whole server at once, as a power cut or the OOM killer would: the postmaster and every backend.
    process.kill(-server.pid, 'SIGKILL');
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(50);

    const restarted = await startEmbeddedServer({ dataDir: dir('crash'), port: 0 });
    expect(restarted.adopted).toBe(false);
    const client = new pg.Client({ connectionString: restarted.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('select n from acknowledged');
    await client.end();
    await restarted.stop();
    const stored = new Set(rows.map((r) => r.n));
    expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
  });

  // A full disk needs a small file system of its own: a tmpfs, which only root may mount (CI runs as root).
  const root_ = userInfo().uid === 0;
  it.runIf(root_ || process.env.CI === 'true')(
    'says what to do when the disk fills during initdb, and leaves nothing half-made',
    async () => {
      const small = join(root, 'small');
      mkdirSync(small);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', small]);
      try {
        await expect(startEmbeddedServer({ dataDir: join(small, 'postgres'), port: 0 })).rejects.toThrow(
          /initdb failed in .* MiB free\).*Free some disk space .* or set EGOV_DATA_DIR/s,
        );
        expect(existsSync(join(small, 'postgres'))).toBe(false);
        expect(execFileSync('ls', ['-A', small]).toString().trim()).toBe('');
      } finally {
        execFileSync('umount', [small]);
      }
    },
  );
});
