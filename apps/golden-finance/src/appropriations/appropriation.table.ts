import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FenColumn } from '@egov/kernel/db';

/**
 * An appropriation (预算指标): money a unit may spend in a fiscal year on one
 * economic class. `committed` is what payment requests have reserved
 * (requested, approved or executed); remaining = allocated - committed, and a
 * check constraint keeps committed between 0 and allocated.
 */
export interface AppropriationTable {
  id: Generated<string>;
  budget_unit_id: string;
  fiscal_year: number;
  economic_class: string;
  allocated: FenColumn;
  committed: ColumnType<string | number | bigint, number | undefined, number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string;
}

export type AppropriationRow = Selectable<AppropriationTable>;
