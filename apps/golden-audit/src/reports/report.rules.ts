import type { Finding } from '../findings/finding.service.ts';
import type { Project } from '../projects/project.service.ts';
import { canonicalJson } from '../pulls/pull.rules.ts';
import type { Pull } from '../pulls/pull.service.ts';
import type { StoredSample } from '../sampling/sampling.service.ts';

export const REPORT_FORMAT = 'egov-audit-report:v1';

/**
 * A project's report as one document: the project, every pull (resource,
 * grant and the digest of the records pulled), every sample with its seed,
 * every finding with the records it cites and its rectification status on
 * `asOf`. Canonical JSON (keys sorted) in UTF-8: the same facts give the
 * same bytes, which is what the seal covers.
 *
 * @example
 * const bytes = reportDocument({ project, pulls, samples, findings, asOf: '2026-12-03', exportedBy: 'official:li' });
 */
export function reportDocument(report: {
  project: Project;
  pulls: Pull[];
  samples: StoredSample[];
  findings: Finding[];
  asOf: string;
  exportedBy: string;
}): Uint8Array {
  const body = {
    format: REPORT_FORMAT,
    office: { agency: 'cnao', name: 'National Audit Office', system: 'golden-audit' },
    asOf: report.asOf,
    exportedBy: report.exportedBy,
    project: report.project,
    pulls: report.pulls.map(({ params, ...p }) => ({ ...p, params })),
    samples: report.samples,
    findings: report.findings,
    totals: {
      findings: report.findings.length,
      open: report.findings.filter((f) => f.status === 'open').length,
      overdue: report.findings.filter((f) => f.status === 'overdue').length,
      rectified: report.findings.filter((f) => f.status === 'rectified').length,
      amountFen: String(report.findings.reduce((s, f) => s + BigInt(f.amountFen), 0n)),
    },
  };
  return new TextEncoder().encode(canonicalJson(body));
}
