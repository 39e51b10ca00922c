import { freeBasePort } from '@egov/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { type LaunchedDistributed, launchDistributed } from '@egov/scripts/distributed';
import { issueCreditCode } from '@egov/standards';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import {
  benchDatabase,
  benchSeconds,
  type Loop,
  mergeLoops,
  natsUrl,
  num,
  percentile,
  type Report,
  ratio,
} from './measure.ts';
import {
  asEgovStart,
  asOfficial,
  customsApp,
  financeApp,
  launchBenchApps,
  login,
  scratchDatabase,
  taxApp,
} from './platform.ts';

/** Declarations in flight at once, on both sides: `BENCH_CLEARANCE_CONCURRENCY`, 4 by default. */
function concurrency(): number {
  const value = Number(process.env.BENCH_CLEARANCE_CONCURRENCY ?? 4);
  if (!Number.isInteger(value) || value < 1)
    throw new Error('BENCH_CLEARANCE_CONCURRENCY must be a positive integer');
  return value;
}

const declarationFor = (importer: string) => ({
  importerCreditCode: importer,
  lines: [
    {
      commodityCode: '8903320000',
      description: 'sailing yacht',
      quantity: '1',
      unit: 'vessel',
      value: '100000.00',
      currency: 'CNY',
      incoterm: 'CIF',
    },
  ],
});

const CLOCK_TICKS = 100; // USER_HZ on Linux (`getconf CLK_TCK`)

/** CPU time (ms, user + system) of processes by pid, from /proc; 0 where there is none (not Linux, gone). */
function processCpuMs(pids: number[]): number {
  let ms = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      // not Linux, or the process is gone
    }
  }
  return ms;
}

/** One mode's apps, ready for the officer's load. */
interface Mode {
  name: string;
  /** Declarations golden-tax has recorded the import VAT of, for the importer. */
  recorded(): Promise<number>;
  /** CPU of the processes running the apps besides this one (ms). */
  appCpuMs(): number;
  worker: Worker;
  stop(): Promise<void>;
}

interface Half {
  loop: Loop;
  cpuMs: number;
}

async function prepare(
  name: string,
  urls: { platform: string; customs: string; tax: string },
  taxDatabaseUrl: string,
  inFlight: number,
  appCpuMs: () => number,
  stop: () => Promise<void>,
): Promise<Mode> {
  const officer = await login(urls.platform, 'customs-officer');
  const taxOfficer = await login(urls.platform, 'tax-officer');
  const customs = asOfficial<GoldenCustomsRouter>(urls.customs, officer);
  const tax = asOfficial<GoldenTaxRouter>(urls.tax, taxOfficer);
  const importer = issueCreditCode({
    division: '350102',
    organisationBody: `D${randomBytes(4).readUInt32BE().toString().padStart(7, '0').slice(-7)}`,
  });
  const title = 'Xiamen Marine Trading Co.';
  await tax.taxpayers.register.mutate({
    creditCode: importer,
    name: title,
    kind: 'general',
    division: '350102',
  });
  await customs.importers.register.mutate({ creditCode: importer, name: title, aeoClass: 'advanced' });
  const input = declarationFor(importer);
  // The first declaration is yellow (a first-time importer: a document check); every later one is blue.
  const first = await customs.declarations.submit.mutate(input as never);
  await customs.inspections.record.mutate({
    declarationId: first.id,
    result: 'pass',
    notes: 'documents in order',
  });
  await customs.declarations.pay.mutate({ declarationId: first.id });
  await customs.declarations.release.mutate({ declarationId: first.id });
  const pool = new pg.Pool({ connectionString: taxDatabaseUrl, max: 1 });
  const worker = new Worker(new URL('./clearance-client.worker.mjs', import.meta.url), {
    workerData: { customsUrl: urls.customs, token: officer, input, concurrency: inFlight },
  });
  return {
    name,
    worker,
    appCpuMs,
    recorded: async () =>
      (
        await pool.query(
          "select count(*)::int as n from golden_tax.input_credit where credit_code = $1 and source = 'customs'",
          [importer],
        )
      ).rows[0].n as number,
    stop: async () => {
      await worker.terminate();
      await pool.end();
      await stop();
    },
  };
}

/** Clears declarations for `seconds`, then waits until golden-tax has recorded every one (counted in the time). */
async function half(mode: Mode, seconds: number): Promise<Half> {
  const before = await mode.recorded();
  const cpu0 = process.cpuUsage();
  const app0 = mode.appCpuMs();
  const started = performance.now();
  const answer = new Promise<any>((resolve, reject) => {
    mode.worker.once('error', reject);
    mode.worker.once('message', (m) => {
      mode.worker.off('error', reject);
      resolve(m);
    });
  });
  mode.worker.postMessage({ seconds });
  const r = await answer;
  if (!r.ok) throw new Error(`${mode.name}: the officer's worker failed: ${r.error}`);
  const count = r.latencies.length as number;
  const deadline = performance.now() + 60_000;
  while ((await mode.recorded()) < before + count) {
    if (performance.now() > deadline)
      throw new Error(`${mode.name}: golden-tax did not catch up within 60 s`);
    await new Promise((res) => setTimeout(res, 5));
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    loop: { count, seconds: elapsed, perSecond: count / elapsed, latencies: r.latencies },
    cpuMs: (cpu.user + cpu.system) / 1000 + mode.appCpuMs() - app0,
  };
}

export interface DistributedFigures {
  distributed: { perSecond: number; cpuMs: number };
  embedded: { perSecond: number; cpuMs: number };
  cores: number;
}

/**
 * Issue 17: the import-clearance flow (submit -> pay -> release over HTTP as
 * the customs officer, golden-customs calling golden-finance per tax, the
 * import VAT recorded at golden-tax from the release's event) with every app
 * in its own process, on a database of its own, events over NATS JetStream
 * (`launchDistributed`, as `egov start --distributed`), against the same flow
 * with the same apps in this one process on one database, schema per app, the
 * in-process event bus (as `egov start`). Same run, same officer's load in a
 * worker thread, alternating halves.
 */
export const distributedBenchmark = {
  name: 'distributed',
  run: async (): Promise<Report<DistributedFigures | undefined>> => {
    const seconds = benchSeconds();
    const inFlight = concurrency();
    const cores = availableParallelism();
    const lines = [
      'distributed',
      `  method:   import clearance of a sailing yacht (CIF 100,000 yuan, blue lane) as in "import clearance", ${inFlight} ` +
        `in flight, closed loop; a declaration counts once golden-tax has recorded its import VAT (each half's time runs ` +
        `until then). Distributed: the platform, golden-finance, golden-tax and golden-customs each in its own Node ` +
        `process and database, events over NATS JetStream. Embedded: the same apps in this process, a schema each, ` +
        `the in-process event bus. Each side ${seconds} s in halves (embedded, distributed, distributed, embedded) after ` +
        `a warm-up of each. CPU: this process (the officer's worker is in it on both sides) plus the app processes; ` +
        `PostgreSQL and NATS not counted. ${cores} cores.`,
    ];
    const nats = await natsUrl();
    if (!nats) {
      lines.push('  skipped: no NATS server (set NATS_URL or run `nats-server -js` on 127.0.0.1:4222)');
      return { text: lines.join('\n'), figures: undefined };
    }
    const server = await benchDatabase();
    const tag = `${process.pid}_${randomBytes(2).toString('hex')}`;
    const stream = `EGOV_BENCH_DIST_${tag}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'egov-bench-dist-'));
    const scratch = await scratchDatabase(server.url, `egov_bench_${tag}`);
    const modes: Mode[] = [];
    let launched: LaunchedDistributed | undefined;
    try {
      const embedded = await launchBenchApps([financeApp, taxApp, customsApp], asEgovStart(scratch.url));
      const url = (n: string) => embedded.apps.get(n)!.serving.url;
      modes.push(
        await prepare(
          'embedded',
          { platform: embedded.platformUrl, customs: url('golden-customs'), tax: url('golden-tax') },
          scratch.url,
          inFlight,
          () => 0,
          () => embedded.stop(),
        ),
      );
      launched = await launchDistributed({
        basePort: await freeBasePort(),
        databasePrefix: `egov_bd${tag}_`,
        only: ['golden-customs', 'golden-tax'],
        env: {
          ...process.env,
          DATABASE_URL: server.url,
          NATS_URL: nats,
          EGOV_DATA_DIR: dataDir,
          EGOV_EVENTS_STREAM: stream,
          EGOV_EVENTS_SUBJECT_PREFIX: `egov-bench-${stream}.events`,
          EGOV_LOG_LEVEL: 'error',
        },
      });
      const app = (n: string) => launched!.apps.find((a) => a.name === n)!;
      const pids = launched.apps.map((a) => a.process.pid!);
      modes.push(
        await prepare(
          'distributed',
          { platform: app('platform').url, customs: app('golden-customs').url, tax: app('golden-tax').url },
          app('golden-tax').databaseUrl,
          inFlight,
          () => processCpuMs(pids),
          async () => undefined,
        ),
      );
      const [e, d] = modes as [Mode, Mode];
      await half(e, Math.max(1, seconds * 0.1));
      await half(d, Math.max(1, seconds * 0.1));
      const e1 = await half(e, seconds / 2);
      const d1 = await half(d, seconds / 2);
      const d2 = await half(d, seconds / 2);
      const e2 = await half(e, seconds / 2);
      const merge = (a: Half, b: Half) => ({ loop: mergeLoops(a.loop, b.loop), cpuMs: a.cpuMs + b.cpuMs });
      const em = merge(e1, e2);
      const dm = merge(d1, d2);
      const line = (h: { loop: Loop; cpuMs: number }) =>
        `${num(h.loop.perSecond)} declarations/s (${h.loop.count} in ${num(h.loop.seconds)} s), latency p50 ` +
        `${num(percentile(h.loop.latencies, 50))} ms, p99 ${num(percentile(h.loop.latencies, 99))} ms, ` +
        `CPU ${num(h.cpuMs / h.loop.count)} ms per declaration`;
      lines.push(
        `  ${server.label}; NATS ${nats}`,
        `    distributed: ${line(dm)}`,
        `    embedded:    ${line(em)}`,
        `    distributed: ${ratio(dm.loop.perSecond, em.loop.perSecond)} of the embedded throughput on ${cores} cores`,
      );
      return {
        text: lines.join('\n'),
        figures: {
          distributed: { perSecond: dm.loop.perSecond, cpuMs: dm.cpuMs / dm.loop.count },
          embedded: { perSecond: em.loop.perSecond, cpuMs: em.cpuMs / em.loop.count },
          cores,
        },
      };
    } finally {
      for (const mode of modes) await mode.stop().catch(() => undefined);
      await launched?.stop();
      const nc = await connect({ servers: nats });
      await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
      await nc.close();
      await scratch.drop();
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`egov_bd${tag}_%`],
      );
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
