/**
 * Counts what durability the embedded database really gives: run under
 * strace to see whether committed transactions reach the disk.
 *
 *   strace -f -c -e trace=fsync,fdatasync,sync_file_range,msync pnpm tsx tooling/scripts/src/measure/pglite-fsync.ts
 *
 * It commits 2,000 single-row inserts on a PGlite data dir and exits; strace's
 * summary then shows how many fsync-family calls were made (README: none).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const dir = mkdtempSync(join(tmpdir(), 'pglite-fsync-'));
const db = await PGlite.create(dir);
await db.exec('create table t (id serial primary key, v text)');
for (let i = 0; i < 2000; i += 1) await db.query('insert into t (v) values ($1)', [`row ${i}`]);
const { rows } = await db.query<{ n: number }>('select count(*)::int as n from t');
console.log(`committed ${rows[0]?.n} inserts into ${dir}`);
await db.close();
rmSync(dir, { recursive: true, force: true });
