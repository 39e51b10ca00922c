import type { ColumnType, Generated, Selectable } from 'kysely';

/** A budget unit (预算单位): a public body that receives appropriations and requests payments. */
export interface BudgetUnitTable {
  id: Generated<string>;
  /** 预算单位编码, e.g. `201001`. */
  code: string;
  name: string;
  /** The unit's GB 32100 unified social credit code. */
  credit_code: string;
  /** GB/T 2260 division of the unit. */
  division: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string;
}

export type BudgetUnitRow = Selectable<BudgetUnitTable>;
