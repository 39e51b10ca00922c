import { execFile, execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { databaseConfigFromEnv } from '@egov/kernel/db';
import { createLogger } from '@egov/kernel/log';
import { createInProcessTransport } from '@egov/kernel/messaging';
import { callProcedure } from '@egov/kernel/network';
import pg from 'pg';
import { audit } from '../commands/audit.ts';
import { login } from '../demo/officials.ts';
import { embeddedApps } from '../embedded/apps.ts';
import { launchApps } from '../embedded/launch.ts';

/*
 * The restore drill (S5.4 data disaster backup), on a PostgreSQL cluster of its own: continuous WAL
 * archiving, an online base backup (pg_basebackup) while the platform and golden-shield run and
 * write audited records, marker row A at time T, marker row B after T (archived), marker row C just
 * before the disaster (not yet archived), the primary killed (immediate stop), then point-in-time
 * recovery to T into a fresh cluster: A present, B and C absent, and every restored app's audit log
 * verifying as `egov audit verify` does. A second recovery to the end of the archive measures what
 * WAL archiving alone loses (C). RTO and RPO are measured and returned.
 */
const execFileAsync = promisify(execFile);

export interface DrillOptions {
  /** PostgreSQL's binaries (initdb, pg_ctl, pg_basebackup): default Debian's PostgreSQL 15. */
  pgBin?: string;
  /** An empty folder the drill may fill (the clusters, the archive, the base backup, the apps' keys). */
  workDir: string;
  /** archive_timeout in seconds: the longest a committed change waits before its WAL is archived. */
  archiveTimeoutSeconds?: number;
  say?: (line: string) => void;
}

export interface DrillResult {
  target: string;
  markers: { A: boolean; B: boolean; C: boolean };
  /** After recovery to the end of the archive: B is there (archived), C is not (its WAL was not). */
  latest: { B: boolean; C: boolean };
  audits: { app: string; ok: boolean; output: string }[];
  /** The platform's audit records at T, at B, and in the cluster restored to T (the logins after T are gone). */
  auditRecords: { atT: number; atB: number; restored: number };
  /** Primary killed -> restored cluster accepts writes, recovering to T (ms). */
  rtoMs: number;
  /** Of that, copying the base backup (ms), and replaying WAL from the archive up to promotion (ms). */
  copyMs: number;
  replayMs: number;
  /** Recovery target T minus the last commit recovered (ms): what PITR to T gives up of what it was asked for. */
  rpoToTargetMs: number;
  /** With archiving alone, committed work lost at the disaster: the disaster time minus the last commit recovered (ms). */
  rpoArchiveOnlyMs: number;
  baseBackupBytes: number;
  walSegmentsArchived: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : statSync(path).size;
  }
  return total;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return {
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  };
}

function chownTree(dir: string, owner: { uid: number; gid: number } | undefined): void {
  if (!owner) return;
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownTree(path, owner);
    else chownSync(path, owner.uid, owner.gid);
  }
}

export async function restoreDrill(options: DrillOptions): Promise<DrillResult> {
  const bin = options.pgBin ?? '/usr/lib/postgresql/15/bin';
  const say = options.say ?? (() => {});
  const owner = runAs();
  const work = options.workDir;
  const dirs = {
    primary: join(work, 'primary'),
    archive: join(work, 'archive'),
    base: join(work, 'base'),
    restored: join(work, 'restored'),
    latest: join(work, 'restored-latest'),
  };
  chmodSync(work, 0o755);
  mkdirSync(dirs.archive);
  chownTree(work, owner);
  const run = (tool: string, args: string[]) =>
    execFileAsync(join(bin, tool), args, { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  const ctl = (dir: string, action: string, extra: string[] = []) =>
    run('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '120', ...extra, action]);

  // The primary: archiving every WAL segment into the archive, listening on loopback only.
  await run('initdb', ['-D', dirs.primary, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8']);
  const port = await freePort();
  appendFileSync(
    join(dirs.primary, 'postgresql.conf'),
    [
      `listen_addresses = '127.0.0.1'`,
      `port = ${port}`,
      `unix_socket_directories = ''`,
      'wal_level = replica',
      'archive_mode = on',
      `archive_command = 'test ! -f ${dirs.archive}/%f && cp %p ${dirs.archive}/%f'`,
      `archive_timeout = ${options.archiveTimeoutSeconds ?? 60}`,
      '',
    ].join('\n'),
  );
  await ctl(dirs.primary, 'start');
  const stopQuietly = async (dir: string) => ctl(dir, 'stop', ['-m', 'immediate']).catch(() => undefined);
  const url = (p: number) => `postgres://postgres@127.0.0.1:${p}/egov`;
  const query = async <R extends pg.QueryResultRow>(p: number, text: string, db = 'egov') => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${p}/${db}` });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  };
  try {
    await query(port, 'create database egov', 'postgres');
    await query(
      port,
      'create schema drill; create table drill.marker (label text primary key, at timestamptz not null)',
    );

    // The platform and golden-shield on it, writing audited records.
    const shield = embeddedApps.find((a) => a.definition.name === 'golden-shield')!;
    const launched = await launchApps({
      apps: [shield],
      database: (schema) => databaseConfigFromEnv(schema, { DATABASE_URL: url(port) }),
      keyFile: (app) => join(work, 'keys', `${app}.jwk`),
      basePort: 0,
      seed: 'all',
      transport: createInProcessTransport({ holdUntilOpen: true }),
      logger: createLogger({ name: 'drill', level: 'silent' }),
    });
    const shieldUrl = launched.apps[1]!.serving.url;
    const activity = async () => {
      const token = await login(launched.platformUrl, 'registrar'); // audited at the platform
      await callProcedure(shieldUrl, 'residents.get', {
        type: 'query',
        input: { residentId: '110101198503120017' },
        headers: { authorization: `Bearer ${token}` },
      }); // a full resident ID revealed: audited at golden-shield
    };
    let appsStopped = false;
    try {
      await activity();
      const heads = async () =>
        Number(
          (await query<{ n: string }>(port, 'select count(*) as n from golden_shield.audit_tree_head'))[0]!.n,
        );
      for (let i = 0; i < 100 && (await heads()) === 0; i += 1) await sleep(100);

      say('pg_basebackup: an online base backup while the apps write');
      await run('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-D',
        dirs.base,
        '-X',
        'stream',
        '-c',
        'fast',
      ]);
      const baseBackupBytes = sizeOf(dirs.base);
      await activity();

      await query(port, `insert into drill.marker values ('A', clock_timestamp())`);
      const [{ t }] = (await query<{ t: string }>(port, `select clock_timestamp()::text as t`)) as [
        { t: string },
      ];
      const auditCount = async (p: number) =>
        Number((await query<{ n: string }>(p, 'select count(*) as n from platform.audit_record'))[0]!.n);
      const recordsAtT = await auditCount(port);
      await sleep(1_000);
      await activity();
      await query(port, `insert into drill.marker values ('B', clock_timestamp())`);
      // B's WAL goes to the archive now, so its absence after recovery to T is the target's doing.
      const [{ segment }] = (await query<{ segment: string }>(
        port,
        'select pg_walfile_name(pg_switch_wal()) as segment',
      )) as [{ segment: string }];
      for (let i = 0; i < 100; i += 1) {
        const [s] = await query<{ last: string | null }>(
          port,
          'select last_archived_wal as last from pg_stat_archiver',
        );
        if (s!.last && s!.last >= segment) break;
        await sleep(100);
      }
      const recordsAtB = await auditCount(port);
      // C is committed but its WAL segment is not archived when the disaster strikes.
      await query(port, `insert into drill.marker values ('C', clock_timestamp())`);
      await launched.stop();
      appsStopped = true;
      const disaster = Date.now();
      say('the primary is lost (immediate stop); restoring the base backup to T in a fresh cluster');
      await stopQuietly(dirs.primary);

      // Point-in-time recovery to T.
      const restore = async (dir: string, target: string | null) => {
        const started = Date.now();
        cpSync(dirs.base, dir, { recursive: true });
        chmodSync(dir, 0o700);
        chownTree(dir, owner);
        const copied = Date.now();
        const restoredPort = await freePort();
        writeFileSync(join(dir, 'recovery.signal'), '');
        appendFileSync(
          join(dir, 'postgresql.auto.conf'),
          [
            `port = ${restoredPort}`,
            'archive_mode = off',
            `restore_command = 'cp ${dirs.archive}/%f %p'`,
            ...(target ? [`recovery_target_time = '${target}'`] : []),
            `recovery_target_action = 'promote'`,
            '',
          ].join('\n'),
        );
        await ctl(dir, 'start');
        for (;;) {
          const [r] = await query<{ recovering: boolean }>(
            restoredPort,
            'select pg_is_in_recovery() as recovering',
          );
          if (!r!.recovering) break;
          await sleep(50);
        }
        await query(
          restoredPort,
          `create table drill.after_restore (at timestamptz default now()); insert into drill.after_restore default values`,
        );
        return { port: restoredPort, started, copied, writable: Date.now() };
      };
      const toT = await restore(dirs.restored, t);
      const markers = await query<{ label: string; at: Date }>(
        toT.port,
        'select label, at from drill.marker order by at',
      );
      const has = (rows: { label: string }[], label: string) => rows.some((r) => r.label === label);
      const lastCommit = markers.at(-1)!.at.getTime();
      const auditRecords = { atT: recordsAtT, atB: recordsAtB, restored: await auditCount(toT.port) };

      const audits: DrillResult['audits'] = [];
      for (const app of ['platform', 'golden-shield']) {
        const lines: string[] = [];
        const log = console.log;
        console.log = (...parts: unknown[]) => lines.push(parts.join(' '));
        let code: number;
        try {
          code = await audit(['verify', '--app', app], { ...process.env, DATABASE_URL: url(toT.port) });
        } finally {
          console.log = log;
        }
        audits.push({ app, ok: code === 0, output: lines.join('\n') });
      }
      say(
        `restored to ${t}: markers ${markers.map((m) => m.label).join(', ') || 'none'}; ${audits.map((x) => x.output).join('; ')}`,
      );

      // Recovery to the end of the archive: what archiving alone would have lost.
      const toLatest = await restore(dirs.latest, null);
      const latestMarkers = await query<{ label: string; at: Date }>(
        toLatest.port,
        'select label, at from drill.marker order by at',
      );
      await stopQuietly(dirs.latest);
      await stopQuietly(dirs.restored);
      const walSegmentsArchived = readdirSync(dirs.archive).filter((f) => /^[0-9A-F]{24}$/.test(f)).length;

      return {
        target: t,
        markers: { A: has(markers, 'A'), B: has(markers, 'B'), C: has(markers, 'C') },
        latest: { B: has(latestMarkers, 'B'), C: has(latestMarkers, 'C') },
        audits,
        auditRecords,
        rtoMs: toT.writable - disaster,
        copyMs: toT.copied - toT.started,
        replayMs: toT.writable - toT.copied,
        rpoToTargetMs: new Date(t).getTime() - lastCommit,
        rpoArchiveOnlyMs: disaster - latestMarkers.at(-1)!.at.getTime(),
        baseBackupBytes,
        walSegmentsArchived,
      };
    } finally {
      if (!appsStopped) await launched.stop();
    }
  } finally {
    await stopQuietly(dirs.primary);
    await stopQuietly(dirs.restored);
    await stopQuietly(dirs.latest);
  }
}
