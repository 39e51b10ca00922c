import type { ColumnType, Generated } from 'kysely';
import type { DateColumn } from '@egov/kernel/db';

/** A reconciliation as it was run: the report is kept, so a later run can be compared with it. */
export interface ReconciliationRunTable {
  id: Generated<string>;
  date: DateColumn;
  balanced: boolean;
  report: ColumnType<unknown, string, never>;
  run_at: ColumnType<Date, Date, never>;
  run_by: string;
}
