/**
 * `pnpm bench`: every benchmark, each against a bare baseline in the same run.
 * `pnpm bench <name>` runs the benchmarks whose name contains <name>.
 * BENCH_SECONDS sets the load duration (default 5 s per side).
 * Opt-in diagnostics (`optIn`) run only when named in full: `pnpm bench "events profile"`.
 * The database benchmarks run on DATABASE_URL, else on an embedded PostgreSQL stopped at the end.
 * `pnpm bench --compare` (or `pnpm bench compare`) runs the benchmarks of issue 13's table and ends
 * with every row against its target, read from the figures the benchmarks return (`src/targets.ts`);
 * `pnpm bench --compare seal` only those whose name contains "seal".
 */
import { auditVerifyBenchmark } from './src/audit-verify.bench.ts';
import { auditedMutationBenchmark, auditedMutationProfileBenchmark } from './src/audited-mutation.bench.ts';
import {
  crossAgencyQueryBenchmark,
  crossAgencyQueryProfileBenchmark,
} from './src/cross-agency-query.bench.ts';
import { distributedBenchmark } from './src/distributed.bench.ts';
import { eventsBenchmark } from './src/events.bench.ts';
import { eventsProfileBenchmark } from './src/events-profile.bench.ts';
import { identityVerifyBenchmark } from './src/identity-verify.bench.ts';
import { importClearanceBenchmark, importClearanceProfileBenchmark } from './src/import-clearance.bench.ts';
import { invoicesBenchmark } from './src/invoices.bench.ts';
import { machine, type Report, stopBenchDatabase } from './src/measure.ts';
import { payrollBenchmark } from './src/payroll.bench.ts';
import { sealBenchmark } from './src/seal.bench.ts';
import { seriesBenchmark } from './src/series.bench.ts';
import { startupBenchmark } from './src/startup.bench.ts';
import { compareLines, TARGETS } from './src/targets.ts';
import { tokenVerifyBenchmark } from './src/token-verify.bench.ts';
import { transactionReportsBenchmark } from './src/transaction-reports.bench.ts';

// The load comes from one address and one official at thousands of calls a second. The host's rate limits
// are still counted on every call (their cost is part of the kernel's), but set out of the load's reach.
for (const limit of ['PER_SOURCE', 'PER_ACCOUNT', 'CREDENTIAL_PER_SOURCE', 'CREDENTIAL_PER_ACCOUNT']) {
  process.env[`EGOV_RATE_LIMIT_${limit}`] ??= '1000000000';
}

interface Benchmark {
  name: string;
  optIn?: boolean;
  /** The text to print, or a report: the text and the figures `--compare` reads. */
  run(): Promise<string | Report<unknown>>;
}

const benchmarks: Benchmark[] = [
  identityVerifyBenchmark,
  tokenVerifyBenchmark,
  sealBenchmark,
  auditedMutationBenchmark,
  auditedMutationProfileBenchmark,
  auditVerifyBenchmark,
  eventsBenchmark,
  eventsProfileBenchmark,
  crossAgencyQueryBenchmark,
  seriesBenchmark,
  crossAgencyQueryProfileBenchmark,
  importClearanceBenchmark,
  importClearanceProfileBenchmark,
  invoicesBenchmark,
  payrollBenchmark,
  transactionReportsBenchmark,
  startupBenchmark,
  distributedBenchmark,
];
const comparing = process.argv[2] === '--compare' || process.argv[2] === 'compare';
const filter = comparing ? process.argv[3] : process.argv[2];
const targetsOf = new Map(TARGETS.map((t) => [t.benchmark.name, t]));
// The embedded server runs in its own session: Ctrl-C reaches only this process, which stops it.
process.once('SIGINT', () => void stopBenchDatabase().finally(() => process.exit(130)));

const startedOn = `${new Date().toISOString()}: ${await machine()}`;
console.log(startedOn);
let failed = 0;
const compared: string[] = [];
const tally = { rows: 0, met: 0 };
for (const benchmark of benchmarks) {
  if (comparing && !targetsOf.has(benchmark.name)) continue;
  if (benchmark.optIn ? filter !== benchmark.name : filter && !benchmark.name.includes(filter)) continue;
  const started = performance.now();
  try {
    const out = await benchmark.run();
    console.log(typeof out === 'string' ? out : out.text);
    if (comparing) {
      if (typeof out === 'string') throw new Error(`${benchmark.name} returned no figures to compare`);
      const rows = compareLines(targetsOf.get(benchmark.name)!.rows(out.figures));
      compared.push(...rows.lines);
      tally.rows += rows.rows;
      tally.met += rows.met;
    }
  } catch (error) {
    // One broken benchmark should not hide the others' figures; the run still fails.
    failed += 1;
    console.error(`${benchmark.name}: FAILED`, error);
    if (comparing) compared.push(`  ${benchmark.name}: FAILED, its rows were not measured`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
if (comparing) {
  console.log(
    [
      '',
      `issue 13 targets (pnpm bench --compare${filter ? ` ${filter}` : ''}; BENCH_SECONDS=${process.env.BENCH_SECONDS ?? 5}; run started ${startedOn})`,
      ...compared,
      `  ${tally.met} of ${tally.rows} rows met${failed > 0 ? `; ${failed} benchmark(s) FAILED (their rows not counted)` : ''}`,
    ].join('\n'),
  );
}
await stopBenchDatabase();
process.exit(failed > 0 ? 1 : 0);
