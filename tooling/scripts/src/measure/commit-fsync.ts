/**
 * Does a commit on the embedded PostgreSQL reach the disk? Run:
 *
 *   pnpm tsx tooling/scripts/src/measure/commit-fsync.ts
 *
 * It starts the embedded server on a throwaway data dir, commits 2,000
 * single-row inserts one after another, and reads PostgreSQL's own count of
 * WAL syncs (`pg_stat_wal.wal_sync`, PostgreSQL 14 to 17) before and after,
 * with the settings that decide it (`fsync`, `synchronous_commit`,
 * `wal_sync_method`). One sync per commit means an acknowledged commit is on
 * disk before the client hears of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '@egov/kernel/db';
import pg from 'pg';

const dir = mkdtempSync(join(tmpdir(), 'egov-fsync-'));
const server = await startEmbeddedServer({ dataDir: join(dir, 'postgres'), port: 0 });
const client = new pg.Client({ connectionString: server.url });
try {
  await client.connect();
  const setting = async (name: string) => (await client.query(`show ${name}`)).rows[0][name] as string;
  const syncs = async () => Number((await client.query('select wal_sync from pg_stat_wal')).rows[0].wal_sync);
  await client.query('create table t (n int)');
  const before = await syncs();
  const commits = 2_000;
  for (let n = 0; n < commits; n++) await client.query('insert into t values ($1)', [n]);
  // The statistics are flushed by the backend at most once a second when idle.
  await client.query('select pg_stat_force_next_flush()');
  await new Promise((r) => setTimeout(r, 1_100));
  const after = await syncs();
  console.log(
    `fsync=${await setting('fsync')} synchronous_commit=${await setting('synchronous_commit')} ` +
      `wal_sync_method=${await setting('wal_sync_method')}`,
  );
  console.log(
    `${commits} commits, ${after - before} WAL syncs (${((after - before) / commits).toFixed(2)} per commit)`,
  );
} finally {
  await client.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
