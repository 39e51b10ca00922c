import { Worker } from 'node:worker_threads';
import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import {
  payDeclaration,
  releaseDeclaration,
  SubmitDeclarationInput,
  submitDeclaration,
  type TreasuryClient,
} from '@egov/golden-customs/services';
import { expectReceipt, receiveReceipt } from '@egov/golden-finance/services';
import { goldenTax } from '@egov/golden-tax';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { recordImportVatCertificate } from '@egov/golden-tax/services';
import type { StartedApp } from '@egov/kernel/app';
import type { Kysely } from '@egov/kernel/db';
import type { EventHandler } from '@egov/kernel/messaging';
import { issueCreditCode } from '@egov/standards';
import {
  type BenchDatabase,
  benchDatabase,
  benchSeconds,
  closedLoop,
  type Loop,
  mergeLoops,
  num,
  percentile,
  type Report,
  ratio,
} from './measure.ts';
import {
  asEgovStart,
  asOfficial,
  type BenchApp,
  customsApp,
  financeApp,
  launchBenchApps,
  login,
  type RouteTime,
  requestTimes,
  scratchDatabase,
  taxApp,
  timeBetween,
} from './platform.ts';
import {
  countStatements,
  profiled,
  profileLines,
  type Tallies,
  tallyBetween,
  timeFetches,
} from './probes.ts';

/** Declarations in flight at once, on both sides: `BENCH_CLEARANCE_CONCURRENCY`, 4 by default. */
function concurrency(): number {
  const value = Number(process.env.BENCH_CLEARANCE_CONCURRENCY ?? 4);
  if (!Number.isInteger(value) || value < 1)
    throw new Error('BENCH_CLEARANCE_CONCURRENCY must be a positive integer');
  return value;
}

/** One line: a sailing yacht, CIF 100,000 yuan: duty, consumption tax and import VAT, no CCC, no reference price. */
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

/** golden-tax's import-VAT handler: its own time, and when it finished each declaration (wall clock, ms). */
interface TaxProbe {
  handled: number;
  ms: number;
  doneAt: Map<string, number>;
}

/** golden-tax with its event handlers timed (the handler's own work, inside the inbox worker's transaction). */
function timedTax(probe: TaxProbe): BenchApp {
  const subscriptions = (goldenTax.subscriptions ?? []).map(
    (h): EventHandler<any, any> => ({
      contract: h.contract,
      handle: async (trx, payload, envelope) => {
        const started = performance.now();
        await h.handle(trx, payload, envelope);
        const done = performance.now();
        probe.handled += 1;
        probe.ms += done - started;
        probe.doneAt.set(payload.declarationId, performance.timeOrigin + done);
      },
    }),
  );
  return { ...taxApp, definition: { ...goldenTax, subscriptions } };
}

/** Time accumulated by one side's operations, ms, by step. */
type Steps = Record<string, number>;

interface Side {
  name: string;
  /** Clears declarations for `seconds` (closed loop); what it measured. */
  run(seconds: number): Promise<{ loop: Loop; steps: Steps }>;
  /** After a measured half: let asynchronous work the half caused finish (counted in the half's time). */
  settle?(): Promise<void>;
}

interface Half {
  loop: Loop;
  steps: Steps;
  /** Server request time by app, from /metrics. */
  server: Map<string, RouteTime>;
  fetches: Tallies;
  statements: Tallies;
  cpuMs: number;
  /** Main-thread event-loop utilisation over the half (0..1). */
  busy: number;
  tax: { handled: number; ms: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function mergeHalves(a: Half, b: Half): Half {
  const sumMaps = <T extends { n?: number; ms?: number; seconds?: number; count?: number }>(
    x: Map<string, T>,
    y: Map<string, T>,
  ): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [k, v] of [...x, ...y]) {
      const prev = out.get(k);
      if (!prev) out.set(k, { ...v });
      else for (const f of Object.keys(v) as (keyof T)[]) (prev[f] as number) += v[f] as number;
    }
    return out;
  };
  const steps: Steps = { ...a.steps };
  for (const [k, v] of Object.entries(b.steps)) steps[k] = (steps[k] ?? 0) + v;
  return {
    loop: mergeLoops(a.loop, b.loop),
    steps,
    server: sumMaps(a.server, b.server),
    fetches: sumMaps(a.fetches, b.fetches),
    statements: sumMaps(a.statements, b.statements),
    cpuMs: a.cpuMs + b.cpuMs,
    busy: (a.busy * a.loop.seconds + b.busy * b.loop.seconds) / (a.loop.seconds + b.loop.seconds),
    tax: { handled: a.tax.handled + b.tax.handled, ms: a.tax.ms + b.tax.ms },
  };
}

/** Per side: declarations cleared per second, SQL statements and Node CPU (ms, all threads) per declaration. */
export interface ClearanceFigures {
  kernel: { perSecond: number; statements: number; cpuMs: number };
  direct: { perSecond: number; statements: number; cpuMs: number };
}

async function clearance(
  server: BenchDatabase,
  seconds: number,
  mode: 'measure' | 'profile',
  out: { figures?: ClearanceFigures } = {},
): Promise<string[]> {
  const inFlight = concurrency();
  const scratch = await scratchDatabase(server.url, `egov_bench_${process.pid}`);
  const where = `${server.label}, database ${scratch.name}`;
  const statements = countStatements();
  const probe: TaxProbe = { handled: 0, ms: 0, doneAt: new Map() };
  let lags: number[] = [];
  let stopWorker: (() => Promise<number>) | undefined;
  let launched: Awaited<ReturnType<typeof launchBenchApps>> | undefined;
  let fetches: ReturnType<typeof timeFetches> | undefined;
  try {
    launched = await launchBenchApps([financeApp, timedTax(probe), customsApp], asEgovStart(scratch.url));
    const app = (name: string) => launched!.apps.get(name) as StartedApp<any>;
    const urlOf = (name: string) => app(name).serving.url;
    const names = ['platform', 'golden-customs', 'golden-finance', 'golden-tax'];
    fetches = timeFetches(new Map(names.map((n) => [new URL(urlOf(n)).origin, n])));

    const officer = await login(launched.platformUrl, 'customs-officer');
    const taxOfficer = await login(launched.platformUrl, 'tax-officer');
    const customs = asOfficial<GoldenCustomsRouter>(urlOf('golden-customs'), officer);
    const tax = asOfficial<GoldenTaxRouter>(urlOf('golden-tax'), taxOfficer);

    // The importer: a general taxpayer at golden-tax, an AEO advanced importer at customs (blue lane: release, then audit).
    const importer = issueCreditCode({
      division: '350102',
      organisationBody: `B${String(process.pid).padStart(7, '0').slice(-7)}`,
    });
    const name = 'Fuzhou Marine Trading Co.';
    await tax.taxpayers.register.mutate({ creditCode: importer, name, kind: 'general', division: '350102' });
    await customs.importers.register.mutate({ creditCode: importer, name, aeoClass: 'advanced' });
    const input = declarationFor(importer);
    // Its first declaration is yellow (first-time importer: a document check); every later one is blue.
    const first = await customs.declarations.submit.mutate(input as never);
    await customs.inspections.record.mutate({
      declarationId: first.id,
      result: 'pass',
      notes: 'documents in order',
    });
    await customs.declarations.pay.mutate({ declarationId: first.id });
    await customs.declarations.release.mutate({ declarationId: first.id });

    // The officer's load runs in a worker thread, as autocannon does in the other benchmarks.
    const officerThread = new Worker(new URL('./clearance-client.worker.mjs', import.meta.url), {
      workerData: { customsUrl: urlOf('golden-customs'), token: officer, input, concurrency: inFlight },
    });
    stopWorker = () => officerThread.terminate();
    let releasedNow: [string, number][] = [];
    const kernel: Side = {
      name: 'kernel',
      async run(secs) {
        const answer = new Promise<any>((resolve, reject) => {
          const onError = (error: Error) => reject(error);
          officerThread.once('error', onError);
          officerThread.once('message', (message) => {
            officerThread.off('error', onError);
            resolve(message);
          });
        });
        officerThread.postMessage({ seconds: secs });
        const r = await answer;
        if (!r.ok) throw new Error(`the officer's worker failed: ${r.error}`);
        releasedNow = r.released;
        const count = r.latencies.length;
        return {
          loop: { count, seconds: r.seconds, perSecond: count / r.seconds, latencies: r.latencies },
          steps: r.steps,
        };
      },
      async settle() {
        // Cleared in all three apps: wait until golden-tax has recorded every released declaration's import VAT.
        const deadline = performance.now() + 60_000;
        while (!releasedNow.every(([id]) => probe.doneAt.has(id))) {
          if (performance.now() > deadline) throw new Error('golden-tax did not catch up within 60 s');
          await sleep(2);
        }
        for (const [id, at] of releasedNow) lags.push(probe.doneAt.get(id)! - at);
      },
    };

    // The same service functions, called directly on the same databases: no HTTP, no kernel middleware.
    const customsDb = app('golden-customs').app.database.db as Kysely<any>;
    const financeDb = app('golden-finance').app.database.db as Kysely<any>;
    const taxDb = app('golden-tax').app.database.db as Kysely<any>;
    const by = (who: string) => ({ by: who, at: new Date() });
    const steps = { customs: 0, finance: 0, tax: 0 };
    const clearDirectly = async () => {
      let finance = 0;
      const timedFinance = async <T>(work: (trx: Kysely<any>) => Promise<T>): Promise<T> => {
        const t = performance.now();
        try {
          return await financeDb.transaction().execute(work);
        } finally {
          finance += performance.now() - t;
        }
      };
      const treasury: TreasuryClient = {
        expect: (item) =>
          timedFinance((trx) => expectReceipt(trx as never, item as never, by('service:golden-customs'))),
        receive: async (item) => {
          const r = await timedFinance((trx) =>
            receiveReceipt(
              trx as never,
              { ...item, receivedAt: new Date(item.receivedAt) } as never,
              by('service:golden-customs'),
            ),
          );
          return {
            id: r.id,
            sourceReference: r.sourceReference,
            amountFen: r.amountFen,
            status: r.status,
            businessDate: r.businessDate,
          };
        },
      };
      // The yacht's tariff line needs no CCC, so release never asks golden-quality.
      const noCccGoods = {
        check: () => Promise.reject(new Error('the baseline declares no goods that need CCC')),
      };
      const t0 = performance.now();
      const parsed = SubmitDeclarationInput.parse(input);
      const d = await customsDb
        .transaction()
        .execute((trx) => submitDeclaration(trx as never, parsed, by('official:bench')));
      if (d.lane !== 'blue' && d.lane !== 'green')
        throw new Error(`declaration ${d.declarationNo}: lane ${d.lane}`);
      await customsDb
        .transaction()
        .execute((trx) =>
          payDeclaration(trx as never, { declarationId: d.id }, treasury, by('official:bench')),
        );
      const r = await customsDb
        .transaction()
        .execute((trx) => releaseDeclaration(trx as never, d.id, by('official:bench'), noCccGoods));
      const t1 = performance.now();
      await taxDb.transaction().execute((trx) =>
        recordImportVatCertificate(
          trx as never,
          {
            certificateNo: r.vatCertificateNo!,
            declarationId: r.id,
            importerCreditCode: r.importerCreditCode,
            vatFen: r.totals.vatFen,
            paidOn: new Date(r.paidAt!.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
          },
          by('event:golden-customs'),
        ),
      );
      steps.customs += t1 - t0 - finance;
      steps.finance += finance;
      steps.tax += performance.now() - t1;
    };
    const direct: Side = {
      name: 'direct',
      async run(secs) {
        const before = { ...steps };
        const loop = await closedLoop(clearDirectly, inFlight, secs);
        return {
          loop,
          steps: {
            customs: steps.customs - before.customs,
            finance: steps.finance - before.finance,
            tax: steps.tax - before.tax,
          },
        };
      },
    };

    const readServer = async () =>
      new Map(await Promise.all(names.map(async (n) => [n, await requestTimes(urlOf(n))] as const)));
    const measure = async (side: Side, secs: number): Promise<Half> => {
      const server0 = await readServer();
      const fetch0 = fetches!.read();
      const stmt0 = statements.read();
      const tax0 = { handled: probe.handled, ms: probe.ms };
      const cpu0 = process.cpuUsage();
      const elu0 = performance.eventLoopUtilization();
      const started = performance.now();
      const { loop, steps } = await side.run(secs);
      await side.settle?.();
      loop.seconds = (performance.now() - started) / 1000;
      loop.perSecond = loop.count / loop.seconds;
      const cpu = process.cpuUsage(cpu0);
      const busy = performance.eventLoopUtilization(elu0).utilization;
      const server1 = await readServer();
      return {
        loop,
        steps,
        server: new Map(names.map((n) => [n, timeBetween(server0.get(n)!, server1.get(n)!)])),
        fetches: tallyBetween(fetch0, fetches!.read()),
        statements: tallyBetween(stmt0, statements.read()),
        cpuMs: (cpu.user + cpu.system) / 1000,
        busy,
        tax: { handled: probe.handled - tax0.handled, ms: probe.ms - tax0.ms },
      };
    };

    // Warm-up (JIT, pools, service tokens and registry lookups cached): not counted.
    await measure(kernel, Math.max(1, seconds * 0.1));
    await measure(direct, Math.max(1, seconds * 0.1));
    lags = [];
    if (mode === 'profile') {
      const { result: k, profile } = await profiled(() => measure(kernel, seconds), { intervalUs: 200 });
      return [
        `  ${where}, kernel path only: ${num(k.loop.perSecond)} declarations/s, ` +
          `main thread ${(100 * k.busy).toFixed(0)} % busy; the main thread's sampled time by component:`,
        ...profileLines(profile),
      ];
    }
    const k1 = await measure(kernel, seconds / 2);
    const d1 = await measure(direct, seconds / 2);
    const d2 = await measure(direct, seconds / 2);
    const k2 = await measure(kernel, seconds / 2);
    return report(mergeHalves(k1, k2), mergeHalves(d1, d2), lags, where, inFlight, out);
  } finally {
    await stopWorker?.();
    fetches?.stop();
    await launched?.stop();
    statements.stop();
    await scratch.drop();
  }
}

const ms = (x: number) => `${num(x)} ms`;

function report(
  k: Half,
  d: Half,
  lags: number[],
  where: string,
  inFlight: number,
  out: { figures?: ClearanceFigures },
): string[] {
  const n = k.loop.count;
  const m = d.loop.count;
  const statementCount = (h: Half) => [...h.statements.values()].reduce((a, t) => a + t.n, 0);
  out.figures = {
    kernel: { perSecond: k.loop.perSecond, statements: statementCount(k) / n, cpuMs: k.cpuMs / n },
    direct: { perSecond: d.loop.perSecond, statements: statementCount(d) / m, cpuMs: d.cpuMs / m },
  };
  const per = (x: number) => x / n;
  const serverMs = (app: string) => (k.server.get(app)?.seconds ?? 0) * 1000;
  const fetchMs = (app: string) => k.fetches.get(app)?.ms ?? 0;
  // Kernel path, per declaration (ms of wall time, summed over its requests).
  const customsServer = per(serverMs('golden-customs'));
  const financeCalls = per(fetchMs('golden-finance'));
  const financeServer = per(serverMs('golden-finance'));
  const platform = per(serverMs('platform'));
  const customsOwn = customsServer - financeCalls;
  const financeHops = financeCalls - financeServer;
  const taxHandler = k.tax.handled > 0 ? k.tax.ms / k.tax.handled : 0;
  const latency = k.loop.latencies.reduce((a, b) => a + b, 0) / n;
  const officerHops = latency - customsServer;
  // Direct, per declaration.
  const dc = d.steps.customs! / m;
  const df = d.steps.finance! / m;
  const dt = d.steps.tax! / m;
  const directLatency = d.loop.latencies.reduce((a, b) => a + b, 0) / m;
  const overhead = latency - (dc + df);
  const share = (x: number) => `${((100 * x) / latency).toFixed(0)} %`;
  const row = (label: string, kernelMs: number, directMs: number | null, note = '') =>
    `      ${label.padEnd(40)}${ms(kernelMs).padStart(10)}${share(kernelMs).padStart(7)}` +
    `${directMs === null ? ''.padStart(12) : ms(directMs).padStart(12)}${note ? `  ${note}` : ''}`;
  const statementRow = (h: Half, count: number) => {
    const total = [...h.statements.values()].reduce((a, t) => a + t.n, 0);
    const totalMs = [...h.statements.values()].reduce((a, t) => a + t.ms, 0);
    const parts = [...h.statements]
      .sort(([, a], [, b]) => b.n - a.n)
      .map(([key, t]) => `${key} ${num(t.n / count)}`)
      .join(', ');
    return `${num(total / count)} (${parts}); ${ms(totalMs / count)} of round trips`;
  };
  const steps = (['submit', 'pay', 'release'] as const).map((s) => `${s} ${ms(k.steps[s]! / n)}`).join(', ');
  return [
    `  ${where} (a schema and a pool per app, as \`egov start\`; in-process event bus; ${inFlight} in flight)`,
    `    kernel, HTTP:    ${num(k.loop.perSecond)} declarations/s cleared (${n} in ${num(k.loop.seconds)} s), ` +
      `latency p50 ${ms(percentile(k.loop.latencies, 50))}, p99 ${ms(percentile(k.loop.latencies, 99))} (${steps})`,
    `                     import VAT recorded at golden-tax p50 ${ms(percentile(lags, 50))}, p99 ${ms(percentile(lags, 99))} after the release answered`,
    `    direct services: ${num(d.loop.perSecond)} declarations/s (${m} in ${num(d.loop.seconds)} s), ` +
      `latency p50 ${ms(percentile(d.loop.latencies, 50))}, p99 ${ms(percentile(d.loop.latencies, 99))} (tax included)`,
    `    kernel path:     ${ratio(k.loop.perSecond, d.loop.perSecond)} of the direct throughput`,
    `    per declaration, mean wall time (share of the kernel path's latency)   kernel path       direct`,
    row(
      'customs: own handling',
      customsOwn,
      dc,
      'submit + pay + release requests, minus their calls to finance',
    ),
    row(
      'finance: expect + receive (x3 taxes)',
      financeServer,
      df,
      `${num(per(k.server.get('golden-finance')!.count))} requests`,
    ),
    row(
      'customs -> finance hops',
      financeHops,
      null,
      'network client, HTTP, Hono before the metrics middleware',
    ),
    row(
      'officer -> customs hops',
      officerHops,
      null,
      'fetch in the worker thread, HTTP, Hono before the metrics middleware',
    ),
    ...(platform > 0.005 ? [row('platform (tokens, registry)', platform, null)] : []),
    row('= submission to release', latency, dc + df),
    row(
      'tax: import-VAT handler (after release)',
      taxHandler,
      dt,
      'kernel: event handler alone; direct: in the latency above',
    ),
    `      kernel + HTTP overhead = latency - (direct customs + finance) = ${ms(overhead)} (${share(overhead)} of the latency); ` +
      `direct latency with tax ${ms(directLatency)}`,
    `    Node CPU per declaration (all threads): kernel path ${ms(k.cpuMs / n)}, direct ${ms(d.cpuMs / m)}; ` +
      `main thread busy ${(100 * k.busy).toFixed(0)} % and ${(100 * d.busy).toFixed(0)} % of the time`,
    `    PostgreSQL statements per declaration, kernel path: ${statementRow(k, n)}`,
    `    PostgreSQL statements per declaration, direct:      ${statementRow(d, m)}`,
  ];
}

/**
 * Issue 6: declarations cleared end to end. The platform, golden-finance,
 * golden-tax and golden-customs in this process on PostgreSQL (`benchDatabase()`,
 * a database of the run's own), an AEO advanced importer (blue lane: no inspection), and
 * declarations submitted, paid (customs calls golden-finance's expect and
 * receive per tax over HTTP, inside its transaction) and released by the
 * customs officer over HTTP, 4 in flight; cleared once golden-tax has
 * recorded the import VAT from the release's event. Against the same
 * service functions called directly on the same databases. Where the time
 * goes: each app's request time from its /metrics, the calls between them
 * from timing `fetch`, golden-tax's event handler timed, every SQL statement
 * counted.
 */
export const importClearanceBenchmark = {
  name: 'import clearance',
  run: () => runClearance('import clearance', 'measure'),
};

/**
 * Not part of the default run (`pnpm bench "import clearance profile"`): the
 * kernel path alone for BENCH_SECONDS under the V8 sampling profiler, its
 * main-thread time grouped by the component whose code ran (the pg driver,
 * kysely, the fetch client, tRPC, zod, hono, the kernel's and the apps' own
 * source, idle).
 */
export const importClearanceProfileBenchmark = {
  name: 'import clearance profile',
  optIn: true,
  run: () => runClearance('import clearance profile', 'profile'),
};

async function runClearance(
  name: string,
  mode: 'measure' | 'profile',
): Promise<Report<ClearanceFigures | undefined>> {
  const seconds = benchSeconds();
  const inFlight = concurrency();
  const flow =
    `a sailing yacht (8903320000, CIF 100,000 yuan: duty, consumption tax, import VAT) declared by an AEO ` +
    `advanced importer (blue lane), submit -> pay -> release over HTTP as the customs officer, ${inFlight} in flight, ` +
    'closed loop';
  const lines = [
    name,
    mode === 'profile'
      ? `  method:   ${flow}, for ${seconds} s after a warm-up; V8 sampling profiler (200 µs) on this process, ` +
        'each sample charged to the nearest frame of a package, the kernel or an app'
      : `  method:   ${flow}; each side ${seconds} s in halves (kernel, direct, direct, kernel) after a warm-up of ` +
        `each; the kernel side's time runs until golden-tax has recorded every released declaration's import VAT. ` +
        `Direct: submitDeclaration, payDeclaration (its treasury client calling expectReceipt / receiveReceipt, each ` +
        `in its own transaction), releaseDeclaration, recordImportVatCertificate, each in a transaction on the app's ` +
        `own pool, ${inFlight} in flight; no HTTP, tokens, audit records, idempotency keys nor events`,
  ];
  const out: { figures?: ClearanceFigures } = {};
  lines.push(...(await clearance(await benchDatabase(), seconds, mode, out)));
  return { text: lines.join('\n'), figures: out.figures };
}
