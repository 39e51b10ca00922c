import type { AuditedMutationFigures } from './audited-mutation.bench.ts';
import { auditedMutationBenchmark } from './audited-mutation.bench.ts';
import type { CrossAgencyFigures } from './cross-agency-query.bench.ts';
import { crossAgencyQueryBenchmark } from './cross-agency-query.bench.ts';
import type { EventsFigures } from './events.bench.ts';
import { eventsBenchmark } from './events.bench.ts';
import type { IdentityVerifyFigures } from './identity-verify.bench.ts';
import { identityVerifyBenchmark } from './identity-verify.bench.ts';
import type { ClearanceFigures } from './import-clearance.bench.ts';
import { importClearanceBenchmark } from './import-clearance.bench.ts';
import type { InvoicesFigures } from './invoices.bench.ts';
import { invoicesBenchmark } from './invoices.bench.ts';
import { num, type Report } from './measure.ts';
import type { SealFigures } from './seal.bench.ts';
import { sealBenchmark } from './seal.bench.ts';

/**
 * The table of issue 13 ("The kernel's cost per call"), each row a target read from the figures a
 * benchmark returns (`Report.figures`), never from its printed text. `pnpm bench --compare` runs
 * these benchmarks and prints every row against its target.
 */

/** One condition of a row: what was measured, what the target asks, and whether it holds. */
export interface Check {
  /** The measured value as printed, e.g. `0.57x` or `1,379/s`. */
  measured: string;
  /** The target as printed, e.g. `>= 0.8x`. */
  target: string;
  met: boolean;
}

export interface Row {
  /** The row of the table. */
  label: string;
  /** Subject and baseline as printed, for context. */
  subject: string;
  baseline: string;
  /** Every condition must hold for the row to be met. */
  checks: Check[];
}

interface Benchmark<F> {
  name: string;
  run(): Promise<Report<F>>;
}

/** A benchmark of the table and the rows its figures give; `undefined` figures: the side did not run. */
export interface TargetSet<F = unknown> {
  benchmark: Benchmark<F>;
  rows(figures: F): Row[];
}

const target = <F>(benchmark: Benchmark<F>, rows: (figures: F) => Row[]): TargetSet =>
  ({ benchmark, rows }) as TargetSet;

const x = (value: number) => `${value.toFixed(2)}x`;
const perSecond = (value: number, unit = '/s') => `${num(value)}${unit}`;
const atLeast = (value: number, min: number, show = x): Check => ({
  measured: show(value),
  target: `>= ${show(min)}`,
  met: value >= min,
});
const atMost = (value: number, max: number, show = x): Check => ({
  measured: show(value),
  target: `<= ${show(max)}`,
  met: value <= max,
});

/** Seal SM2 figures of the issue (113 sealDocument/s, 26 verifySeal/s, sm-crypto 0.3.14); target 10x. */
const SM2_BEFORE = { sealDocument: 113, verifySeal: 26 };

export const TARGETS: TargetSet[] = [
  target(identityVerifyBenchmark, (f: IdentityVerifyFigures) => [
    {
      label: 'identity.verify over HTTP',
      subject: perSecond(f.kernel, ' req/s'),
      baseline: `bare ${perSecond(f.bare, ' req/s')}`,
      checks: [atLeast(f.kernel / f.bare, 0.8)],
    },
  ]),
  target(crossAgencyQueryBenchmark, (f: CrossAgencyFigures | undefined) => [
    {
      label: 'cross-agency query (customs asks tax)',
      subject: f ? `${perSecond(f.kernel.perSecond, ' req/s')}, p99 ${num(f.kernel.p99Ms)} ms` : '-',
      baseline: f ? `bare ${perSecond(f.bare.perSecond, ' req/s')}, p99 ${num(f.bare.p99Ms)} ms` : '-',
      checks: f
        ? [
            atLeast(f.kernel.perSecond / f.bare.perSecond, 0.75),
            { ...atMost(f.kernel.p99Ms / f.bare.p99Ms, 2), target: '<= 2.00x p99 of bare' },
          ]
        : [],
    },
  ]),
  target(auditedMutationBenchmark, (f: AuditedMutationFigures | undefined) => [
    {
      label: 'audited mutation (cost = bare / kernel)',
      subject: f ? perSecond(f.kernel, ' req/s') : '-',
      baseline: f ? `bare ${perSecond(f.bare, ' req/s')}` : '-',
      checks: f ? [{ ...atMost(f.bare / f.kernel, 1.15), target: '<= 1.15x cost' }] : [],
    },
  ]),
  target(importClearanceBenchmark, (f: ClearanceFigures | undefined) => [
    {
      label: `import clearance (statements and CPU per declaration)`,
      subject: f
        ? `${perSecond(f.kernel.perSecond)}, ${num(f.kernel.statements)} stmts, ${num(f.kernel.cpuMs)} ms CPU`
        : '-',
      baseline: f
        ? `direct ${perSecond(f.direct.perSecond)}, ${num(f.direct.statements)} stmts, ${num(f.direct.cpuMs)} ms CPU`
        : '-',
      checks: f
        ? [
            atLeast(f.kernel.perSecond / f.direct.perSecond, 0.65),
            {
              ...atMost(f.kernel.statements / f.direct.statements, 1.2),
              target: '<= 1.20x statements',
            },
            { ...atMost(f.kernel.cpuMs / f.direct.cpuMs, 1.8), target: '<= 1.80x CPU' },
          ]
        : [],
    },
  ]),
  target(invoicesBenchmark, (f: InvoicesFigures | undefined) => [
    {
      label: 'e-invoices',
      subject: f ? perSecond(f.kernel) : '-',
      baseline: f ? `direct ${perSecond(f.direct)}` : '-',
      checks: f ? [atLeast(f.kernel / f.direct, 0.7), atLeast(f.kernel, 1_000, perSecond)] : [],
    },
  ]),
  target(eventsBenchmark, (f: EventsFigures) => {
    const j = f.jetStream;
    return [
      {
        label: 'events, per-event handler, PG + JetStream',
        subject: j ? perSecond(j.perEvent.events, ' events/s') : 'JetStream not reachable',
        baseline: j ? `direct ${perSecond(j.perEvent.direct, ' rows/s')}` : '-',
        checks: j
          ? [
              atLeast(j.perEvent.events / j.perEvent.direct, 0.8),
              atLeast(j.perEvent.events, 5_000, perSecond),
            ]
          : [],
      },
      {
        label: 'events, batch handler, PG + JetStream',
        subject: j ? perSecond(j.batch.events, ' events/s') : 'JetStream not reachable',
        baseline: j ? `direct ${perSecond(j.batch.direct, ' rows/s')}` : '-',
        checks: j ? [atLeast(j.batch.events / j.batch.direct, 0.5)] : [],
      },
    ];
  }),
  target(sealBenchmark, (f: SealFigures) => {
    const verify = (name: string, a: SealFigures['algorithms']['Ed25519']) => ({
      label: `seal verify, ${name}`,
      subject: `verifySeal ${perSecond(a.verifySeal)}`,
      baseline: `raw verify ${perSecond(a.rawVerify)}`,
      checks: [atLeast(a.verifySeal / a.rawVerify, 0.5)],
    });
    const sm2 = f.algorithms['SM2-SM3'];
    return [
      verify('Ed25519', f.algorithms.Ed25519),
      verify('P-256', f.algorithms['ECDSA-P256-SHA256']),
      {
        label: 'seal SM2 sign (10x the issue: 113/s)',
        subject: `sealDocument ${perSecond(sm2.sealDocument)}`,
        baseline: `sm-crypto 0.3.14 raw sign ${perSecond(f.sm2.signBefore)}, this run`,
        checks: [
          atLeast(sm2.sealDocument, 10 * SM2_BEFORE.sealDocument, perSecond),
          { ...atLeast(f.sm2.signNow / f.sm2.signBefore, 10), target: '>= 10.00x raw, same run' },
        ],
      },
      {
        label: 'seal SM2 verify (10x the issue: 26/s)',
        subject: `verifySeal ${perSecond(sm2.verifySeal)}`,
        baseline: `sm-crypto 0.3.14 raw verify ${perSecond(f.sm2.verifyBefore)}, this run`,
        checks: [
          atLeast(sm2.verifySeal, 10 * SM2_BEFORE.verifySeal, perSecond),
          { ...atLeast(f.sm2.verifyNow / f.sm2.verifyBefore, 10), target: '>= 10.00x raw, same run' },
        ],
      },
    ];
  }),
];

/** The rows of one benchmark's figures as printed lines (a row, then its checks), and how many are met. */
export function compareLines(rows: Row[]): { lines: string[]; rows: number; met: number } {
  const lines: string[] = [];
  let rowsMet = 0;
  for (const row of rows) {
    const met = row.checks.length > 0 && row.checks.every((c) => c.met);
    if (met) rowsMet += 1;
    const verdict = row.checks.length === 0 ? 'NOT MEASURED' : met ? 'met' : 'NOT met';
    lines.push(`  ${row.label.padEnd(46)} ${verdict}`);
    lines.push(`      ${row.subject}  vs  ${row.baseline}`);
    for (const c of row.checks)
      lines.push(`      ${c.met ? 'met    ' : 'NOT met'}  ${c.measured.padStart(9)}  target ${c.target}`);
  }
  return { lines, rows: rows.length, met: rowsMet };
}
