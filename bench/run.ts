/**
 * `pnpm bench`: every benchmark, each against a bare baseline in the same run.
 * `pnpm bench <name>` runs the benchmarks whose name contains <name>.
 * BENCH_SECONDS sets the load duration (default 5 s per side).
 */
import { identityVerifyBenchmark } from './src/identity-verify.bench.ts';

const benchmarks = [identityVerifyBenchmark];
const filter = process.argv[2];

for (const benchmark of benchmarks) {
  if (filter && !benchmark.name.includes(filter)) continue;
  console.log(await benchmark.run());
}
process.exit(0);
