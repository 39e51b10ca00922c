import type { DateColumn, InstantColumn } from '@egov/kernel/db';

/** An audit project (审计项目): what is audited, for which period, by whom. */
export interface AuditProjectTable {
  id: string;
  /** The office's own number, e.g. `审计-2026-001`. */
  code: string;
  title: string;
  /** Agency codes of the audited bodies (`mof`, `mohrss`, …). */
  audited_agencies: string[];
  /** Catalog resource ids the project may pull, and nothing else. */
  resources: string[];
  /** What the audit covers, in words. */
  scope: string;
  period_from: DateColumn;
  period_to: DateColumn;
  /** Usernames of the team: the leader and the members. */
  leader: string;
  members: string[];
  created_by: string;
  created_at: InstantColumn;
}
