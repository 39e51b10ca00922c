import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** A month's payroll run: once per month, its totals. */
export interface PayrollRunTable {
  month: string;
  budget_unit: string;
  appropriation_id: string;
  pensioners: number;
  total_fen: ColumnType<string | number | bigint, number | bigint | string, never>;
  /** Lines the treasury refused at once because golden-shield had reported the payee dead. */
  cancelled: number;
  run_by: string;
  run_at: InstantColumn;
}

/** One pensioner's line of a run and the payment request golden-finance made for it. */
export interface PayrollLineTable {
  month: string;
  pension_uuid: string;
  amount_fen: ColumnType<string | number | bigint, number | bigint | string, never>;
  payment_id: string;
  status: 'requested' | 'cancelled';
}
