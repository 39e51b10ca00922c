import type { Kysely } from 'kysely';
import type { FindingTable } from './findings/finding.table.ts';
import type { AuditProjectTable } from './projects/project.table.ts';
import type { DataPullTable } from './pulls/pull.table.ts';
import type { AuditReportTable, ReportSealKeyTable } from './reports/report.table.ts';
import type { AuditSampleTable } from './sampling/sampling.table.ts';

/** The tables of schema `golden_audit`, as Kysely sees them. */
export interface GoldenAuditDatabase {
  audit_project: AuditProjectTable;
  data_pull: DataPullTable;
  audit_sample: AuditSampleTable;
  finding: FindingTable;
  report_seal_key: ReportSealKeyTable;
  audit_report: AuditReportTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenAuditDb = Kysely<GoldenAuditDatabase>;
