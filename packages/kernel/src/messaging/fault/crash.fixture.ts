import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { loadSnapshot } from '../../audit/snapshot.ts';
import { verifySnapshot } from '../../audit/verify.ts';
import type { DatabaseConfig } from '../../db/config.ts';
import { createDatabase } from '../../db/database.ts';
import { uniqueSchema } from '../../testing/databases.ts';
import { KILL_POINTS, type KillPoint, LEDGER, TALLY } from './apps.ts';
import type { WorkerConfig, WorkerFault } from './worker.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const KERNEL = fileURLToPath(new URL('../../..', import.meta.url));

export type Fault = KillPoint | 'timer';
export const FAULTS: readonly Fault[] = [...KILL_POINTS, 'timer'];

/** mulberry32: small, seedable, good enough to pick kill points reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Target {
  name: string;
  transport: 'in-process' | 'jetstream';
}

/**
 * PostgreSQL (`DATABASE_URL`, which the test run's global setup points at the
 * embedded server when unset) with the in-process bus (the embedded mode)
 * always, and with JetStream (the distributed mode) when `NATS_URL` is set.
 * In CI a missing NATS_URL fails instead of skipping.
 */
export function crashTargets(env: NodeJS.ProcessEnv = process.env): Target[] {
  const ci = env.CI === 'true' || env.CI === '1';
  if (!env.DATABASE_URL)
    throw new Error('DATABASE_URL is not set: run the tests through vitest (its global setup sets it)');
  if (ci && !env.NATS_URL)
    throw new Error('CI must set NATS_URL: the JetStream crash tests may not be skipped');
  const transports: Target['transport'][] = env.NATS_URL ? ['in-process', 'jetstream'] : ['in-process'];
  return transports.map((transport) => ({ name: `postgres + ${transport}`, transport }));
}

/** One deployment's durable state: two apps' databases and, with JetStream, a stream of its own. */
export interface Deployment {
  databases: { ledger: DatabaseConfig; tally: DatabaseConfig };
  transport: WorkerConfig['transport'];
  dir: string;
  dispose(): Promise<void>;
}

export async function createDeployment(
  target: Target,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'egov-fault-'));
  const tag = randomBytes(4).toString('hex');
  const database = (prefix: string): DatabaseConfig => ({
    kind: 'postgres',
    url: env.DATABASE_URL!,
    schema: uniqueSchema(prefix),
    poolSize: 3,
  });
  const databases = { ledger: database('fault_ledger'), tally: database('fault_tally') };
  const transport: WorkerConfig['transport'] =
    target.transport === 'jetstream'
      ? {
          kind: 'jetstream',
          url: env.NATS_URL!,
          stream: `EGOV_FAULT_${tag}`,
          prefix: `egov-fault-${tag}.events`,
        }
      : { kind: 'in-process' };
  return {
    databases,
    transport,
    dir,
    async dispose() {
      for (const config of Object.values(databases)) {
        const opened = await createDatabase(config);
        await opened.dropSchema();
        await opened.close();
      }
      if (transport.kind === 'jetstream') {
        const nc = await connect({ servers: transport.url });
        await (await jetstreamManager(nc)).streams.delete(transport.stream).catch(() => {});
        await nc.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Line {
  life: number;
  kind: string;
  args: string[];
}

export interface Life {
  index: number;
  fault: WorkerFault | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  lines: Line[];
  stderr: string;
  /** What the journal says it died at: `[point, id]`. */
  killed: [string, string] | undefined;
}

/** Runs one life of the deployment in a child process until it exits (or kills itself). */
export async function runLife(
  deployment: Deployment,
  index: number,
  options: { changes: number; concurrency: number; fault: WorkerFault | null; timeoutMs?: number },
): Promise<Life> {
  const journal = join(deployment.dir, `life-${index}.log`);
  const config: WorkerConfig = {
    databases: deployment.databases,
    transport: deployment.transport,
    journal,
    changes: options.changes,
    concurrency: options.concurrency,
    fault: options.fault,
    drainTimeoutMs: 30_000,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: KERNEL,
    env: { ...process.env, FAULT_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => {
    stderr += '\n[fault test] life timed out; killed by the test';
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 60_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve([c, s]));
  });
  clearTimeout(timer);
  const lines = existsSync(journal)
    ? readFileSync(journal, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [kind = '', ...args] = l.split(' ');
          return { life: index, kind, args };
        })
    : [];
  const kill = lines.find((l) => l.kind === 'kill');
  return {
    index,
    fault: options.fault,
    code,
    signal,
    ms: Math.round(performance.now() - started),
    lines,
    stderr,
    killed: kill ? [kill.args[0]!, kill.args[1]!] : undefined,
  };
}

/** Everything the two apps hold once the deployment has drained, read by the test, not by the worker. */
export interface FinalState {
  changes: { id: string; event_id: string; counted: number }[];
  effects: { change_id: string; event_id: string; applications: number }[];
  outbox: Record<'ledger' | 'tally', { id: string; name: string; published_at: Date | null }[]>;
  inbox: Record<
    'ledger' | 'tally',
    { event_id: string; name: string; status: string; last_error: string | null }[]
  >;
  audit: Record<'ledger' | 'tally', { ok: boolean; leaves: number; problems: unknown[] }>;
}

export async function readFinalState(deployment: Deployment): Promise<FinalState> {
  const ledger = await createDatabase<any>(deployment.databases.ledger);
  const tally = await createDatabase<any>(deployment.databases.tally);
  try {
    const outbox = (db: typeof ledger) =>
      db.db.selectFrom('outbox').select(['id', 'name', 'published_at']).orderBy('seq').execute();
    const inbox = (db: typeof ledger) =>
      db.db.selectFrom('inbox').select(['event_id', 'name', 'status', 'last_error']).execute();
    const audit = async (db: typeof ledger, service: string) => {
      const v = await verifySnapshot(await loadSnapshot(db.db, service));
      return { ok: v.ok, leaves: v.leaves, problems: v.problems };
    };
    return {
      changes: (await ledger.db.selectFrom('change').selectAll().execute()) as FinalState['changes'],
      effects: (await tally.db.selectFrom('effect').selectAll().execute()) as FinalState['effects'],
      outbox: { ledger: await outbox(ledger), tally: await outbox(tally) },
      inbox: { ledger: await inbox(ledger), tally: await inbox(tally) },
      audit: { ledger: await audit(ledger, LEDGER), tally: await audit(tally, TALLY) },
    };
  } finally {
    await ledger.close();
    await tally.close();
  }
}
