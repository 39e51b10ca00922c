import type { ColumnType, Selectable } from 'kysely';

/** Asset and expenditure accounts grow by debits; liability and revenue accounts by credits. */
export type AccountType = 'asset' | 'liability' | 'revenue' | 'expenditure';

/** One account of the chart (`tsa`, `zba.201001`, `revenue.customs-duty`, `expenditure.201001`, …). */
export interface AccountTable {
  code: string;
  name: string;
  type: AccountType;
  /** Set on the per-unit accounts (zero-balance account, expenditure). */
  budget_unit_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type AccountRow = Selectable<AccountTable>;
