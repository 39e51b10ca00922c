import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** A finding of a rule, the records it cites, and its rectification. */
export interface FindingTable {
  id: string;
  project_id: string;
  rule: string;
  summary: string;
  amount_fen: ColumnType<string, string, never>;
  cites: string[];
  pull_ids: string[];
  issued_on: DateColumn;
  /** `issued_on` plus the rectification period in Chinese working days. */
  deadline: DateColumn;
  rectified_on: ColumnType<Date | string | null, never, string>;
  rectification: ColumnType<string | null, never, string>;
  rectified_by: ColumnType<string | null, never, string>;
  issued_by: string;
  issued_at: InstantColumn;
}
