import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRepoRoot, processAlive as alive } from '@egov/kernel/db';
import { embeddedApps } from '@egov/scripts/apps';
import { num, ratio } from './measure.ts';

/** Issue 10's budget, for all fourteen apps. */
const TARGET = { apps: 14, secondStartMs: 10_000, memoryMb: 700 };
/** How long after "ready" the memory is read: the apps' first timers (sequencer, relay) have run by then. */
const SETTLE_MS = 2_000;
const repoRoot = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));

/** A `Field:   123 kB` line of a /proc file, in MB (2^20 bytes); 0 when the process is gone. */
function procMb(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
const rssMb = (pid: number) => procMb(`/proc/${pid}/status`, 'VmRSS');
const pssMb = (pid: number) => procMb(`/proc/${pid}/smaps_rollup`, 'Pss');

/** The processes whose parent is `pid` (field 4 of /proc/<pid>/stat, after the command name in parentheses). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone since readdir
    }
  }
  return children;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A base port with the 32 ports from it free (the launcher puts app N on base + N). */
async function freeRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 32 * Math.floor(Math.random() * 1_000);
    let free = true;
    for (let p = base; p < base + 32 && free; p++) free = await portFree(p);
    if (free) return base;
  }
  throw new Error('no 32 free ports in a row found');
}

interface Started {
  child: ChildProcess;
  /** Spawn to the ready line, ms. */
  readyMs: number;
  line: string;
}

/**
 * Spawns `node --import tsx <args>` in the repository root and waits for a
 * stdout line that starts with `prefix` and contains `apps ready`.
 */
async function startChild(args: string[], env: NodeJS.ProcessEnv, prefix: string): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('not ready within 180 s')), 180_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(
          `${args.join(' ')}: ${error.message}; its last output:\n    ${output.slice(-8).join('\n    ')}`,
        ),
      );
    };
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        if (!ready && line.startsWith(prefix) && line.includes('apps ready')) {
          ready = true;
          clearTimeout(timer);
          resolve({ child, readyMs: performance.now() - started, line });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(...chunk.toString().trim().split('\n')));
    child.once('exit', (code, signal) => {
      if (!ready) fail(new Error(`exited before it was ready (code ${code}, ${signal})`));
    });
  });
}

/** SIGINT, then waits for the exit (SIGKILL after 60 s); the exit code and the time it took. */
async function stopChild(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = performance.now();
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, ms: performance.now() - started };
}

interface Platform {
  apps: number;
  readyMs: number;
  /** What the launcher's own line says (from its start, not the process's). */
  launcherMs: number | undefined;
  nodeMb: number;
  postgresMb: number;
  postgresProcesses: number;
  stop: { code: number | null; ms: number; postgresLeft: boolean };
}

/** The postmaster: from `postmaster.pid` in the data dir, else a child of the launcher named postgres. */
function postmasterOf(launcher: number, dataRoot: string): number | undefined {
  const pidFile = join(dataRoot, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return childrenOf(launcher).find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    } catch {
      return false;
    }
  });
}

/** One `egov start` on `dataRoot`: ready time, memory after SETTLE_MS, then Ctrl-C. */
async function startPlatform(dataRoot: string, args: string[] = []): Promise<Platform> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EGOV_DATA_DIR: dataRoot,
    EGOV_BASE_PORT: String(await freeRange()),
    // Any free port for the server: a developer's own `egov start` may hold the default one.
    EGOV_POSTGRES_PORT: '0',
  };
  delete env.DATABASE_URL;
  delete env.NATS_URL;
  const { child, readyMs, line } = await startChild(
    ['tooling/scripts/src/cli.ts', 'start', ...args],
    env,
    'egov: ',
  );
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const postmaster = postmasterOf(child.pid!, dataRoot);
    const postgres = postmaster ? [postmaster, ...childrenOf(postmaster)] : [];
    const measured = {
      apps: Number(/(\d+) apps ready/.exec(line)![1]),
      readyMs,
      launcherMs: /in (\d+) ms/.exec(line) ? Number(/in (\d+) ms/.exec(line)![1]) : undefined,
      nodeMb: rssMb(child.pid!),
      postgresMb: postgres.reduce((sum, pid) => sum + pssMb(pid), 0),
      postgresProcesses: postgres.length,
    };
    const stopped = await stopChild(child);
    const left = postmaster !== undefined && alive(postmaster);
    if (left) {
      // Not the launcher's job any more: stop it here so the next start (or the temp dir's removal) is clean.
      process.kill(postmaster, 'SIGINT');
      while (alive(postmaster)) await new Promise((r) => setTimeout(r, 50));
    }
    return { ...measured, stop: { ...stopped, postgresLeft: left } };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** The baseline: as many bare Hono servers in one `node --import tsx` process, no database. */
async function startBare(count: number): Promise<{ readyMs: number; rssMb: number }> {
  const script = fileURLToPath(new URL('./bare-servers.ts', import.meta.url));
  const { child, readyMs } = await startChild([script, String(count)], process.env, 'bare: ');
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const rss = rssMb(child.pid!);
  await stopChild(child);
  return { readyMs, rssMb: rss };
}

const mb = (x: number) => `${num(x)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function platformLine(label: string, p: Platform): string {
  return (
    `  ${label.padEnd(14)}ready in ${s(p.readyMs)}` +
    (p.launcherMs === undefined
      ? ''
      : ` (Node and the modules loading ${s(p.readyMs - p.launcherMs)}, then the launcher's own ${s(p.launcherMs)})`) +
    `; memory ${mb(p.nodeMb + p.postgresMb)} = Node ${mb(p.nodeMb)} RSS + PostgreSQL ${mb(p.postgresMb)} PSS ` +
    `(${p.postgresProcesses} processes); Ctrl-C: exit ${p.stop.code} after ${s(p.stop.ms)}` +
    (p.stop.postgresLeft
      ? ', PostgreSQL STILL RUNNING after the launcher exited (stopped by the benchmark)'
      : '')
  );
}

/**
 * Issue 10 item 4: `egov start` with every app the launcher has, as a
 * newcomer runs it (no DATABASE_URL, no NATS_URL): time to "ready" on a
 * first start (fresh data dir: initdb, migrations, demo data) and a second
 * (same data dir), and the whole platform's memory (the Node process's RSS
 * plus the embedded PostgreSQL's processes' PSS), against the same number of
 * bare Hono servers in one Node process with no database.
 */
export const startupBenchmark = {
  name: 'startup',
  async run(): Promise<string> {
    if (!existsSync('/proc/self/smaps_rollup'))
      return `${this.name}: skipped (reads /proc/<pid>/smaps_rollup: Linux only)`;
    const dataRoot = mkdtempSync(join(tmpdir(), 'egov-bench-startup-'));
    // As root, the embedded server runs as the postgres user, who must reach its data dir below this one.
    chmodSync(dataRoot, 0o755);
    try {
      const first = await startPlatform(dataRoot);
      const second = await startPlatform(dataRoot);
      // The cost of one more app: a third start with the platform and the first app alone.
      const few = await startPlatform(dataRoot, ['--app', embeddedApps[0]!.definition.name]);
      const bare = await startBare(second.apps);
      const memory = second.nodeMb + second.postgresMb;
      const added = second.apps - few.apps;
      const perApp = {
        mb: (memory - few.nodeMb - few.postgresMb) / added,
        ms: (second.readyMs - few.readyMs) / added,
      };
      const projected = (now: number, each: number) => now + (TARGET.apps - second.apps) * each;
      const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
      return [
        this.name,
        '  method:   `egov start` (node --import tsx tooling/scripts/src/cli.ts start) as a child process in the ' +
          'repository root, EGOV_DATA_DIR a fresh temp dir, a free EGOV_BASE_PORT range and EGOV_POSTGRES_PORT=0, ' +
          'DATABASE_URL and NATS_URL removed; ready = spawn to its `egov: N apps ready` line; memory ' +
          `${SETTLE_MS / 1000} s after ready = VmRSS of the Node process + Pss (smaps_rollup) of the postmaster and ` +
          'its children (MB = 2^20 bytes); then SIGINT and wait for the exit. First start on the empty data dir, ' +
          `second on the same one, third with \`--app ${embeddedApps[0]!.definition.name}\` (the cost per app). ` +
          'Baseline: as many bare Hono servers (a port each, one route, no database) in one node --import tsx process, its VmRSS',
        `  apps:     ${second.apps} (every app the launcher starts, the platform included; the target is for ${TARGET.apps})`,
        platformLine('first start:', first),
        platformLine('second start:', second),
        platformLine(`${few.apps} apps:`, few),
        `  per app:      ${mb(perApp.mb)} and ${s(perApp.ms)} to ready (second start, ${second.apps} apps against ${few.apps})`,
        `  baseline:     ${second.apps} bare Hono servers ready in ${s(bare.readyMs)}; ${mb(bare.rssMb)} RSS`,
        `  ratio:        memory ${ratio(memory, bare.rssMb)} of bare (second start), ` +
          `${mb(memory - bare.rssMb)} more; second start ${ratio(second.readyMs, bare.readyMs)} of bare's time to ready`,
        `  target:       ${TARGET.apps} apps ready in under ${s(TARGET.secondStartMs)} on a second start: ` +
          `${s(second.readyMs)} with ${second.apps} (${verdict(second.readyMs < TARGET.secondStartMs)} so far); ` +
          `under ${TARGET.memoryMb} MB in all: ${mb(memory)} with ${second.apps} ` +
          `(${verdict(memory < TARGET.memoryMb)} so far); at the cost per app above, ${TARGET.apps} apps would take ` +
          `${mb(projected(memory, perApp.mb))} and ${s(projected(second.readyMs, perApp.ms))}`,
      ].join('\n');
    } finally {
      rmSync(dataRoot, { recursive: true, force: true });
    }
  },
};
