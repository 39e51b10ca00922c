import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

type Bigint = ColumnType<string | number | bigint, number | bigint | string, never>;

/** A pension awarded (养老金核定): both parts, the figures they rest on, and the death that stops it. */
export interface PensionTable {
  uuid: string;
  insured_uuid: string;
  category: 'male' | 'female-cadre' | 'female-worker';
  /** The first month paid, `YYYY-MM`. */
  first_month: string;
  contribution_months: number;
  average_index_bp: number;
  previous_year_annual_fen: Bigint;
  account_balance_fen: Bigint;
  divisor: number;
  basic_fen: Bigint;
  account_fen: Bigint;
  monthly_fen: Bigint;
  /** Set when golden-shield's death event arrives: paid to the end of that month, no further. */
  died_on: ColumnType<Date | string | null, never, string>;
  awarded_by: string;
  awarded_at: InstantColumn;
}

/** A death golden-shield reported for a resident insured here. */
export interface ReportedDeathTable {
  resident_id: string;
  died_on: DateColumn;
  event_id: string;
  received_at: InstantColumn;
}

/** A pension paid for a month after the death: to be recovered, unless the treasury cancelled it before paying. */
export interface RecoveryClaimTable {
  pension_uuid: string;
  month: string;
  amount_fen: Bigint;
  payment_id: string;
  status: ColumnType<'open' | 'withdrawn', 'open', 'withdrawn'>;
  opened_at: InstantColumn;
  withdrawn_at: ColumnType<Date | null, never, Date>;
}
