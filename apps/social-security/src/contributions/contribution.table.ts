import type { DateColumn, FenColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

type Serial = ColumnType<string | number | bigint, never, never>;
type Ref = ColumnType<string | number | bigint, number, number>;

/** The local average wage of a year (set locally, R), which bounds the contribution base. */
export interface AverageWageTable {
  year: number;
  annual_fen: FenColumn;
  set_by: string;
  /** Replaced when the year's figure is set again (the audit log keeps every setting). */
  set_at: ColumnType<Date, Date, Date>;
}

/** An employer's monthly declaration, with the figures it was computed from. */
export interface DeclarationTable {
  id: Serial;
  employer_code: string;
  period: string;
  annual_average_fen: FenColumn;
  average_source: 'local' | 'national-default';
  employer_rate: string;
  employee_rate: string;
  employer_fen: FenColumn;
  employee_fen: FenColumn;
  filed_by: string;
  filed_at: InstantColumn;
}

/** One insured employee's line of a declaration. */
export interface DeclarationLineTable {
  declaration_id: Ref;
  insured_uuid: string;
  wage_fen: FenColumn;
  base_fen: FenColumn;
  employer_fen: FenColumn;
  employee_fen: FenColumn;
}

/** A credit to an insured person's personal account (个人账户). */
export interface PersonalAccountEntryTable {
  id: Serial;
  insured_uuid: string;
  period: string;
  amount_fen: FenColumn;
  declaration_id: Ref;
  credited_at: InstantColumn;
}

/** A declaration paid: its contributions and the late fee owed for the days after the due day. */
export interface DeclarationPaymentTable {
  declaration_id: Ref;
  contribution_fen: FenColumn;
  late_fee_fen: FenColumn;
  days_late: number;
  due_on: DateColumn;
  paid_on: DateColumn;
  recorded_by: string;
  recorded_at: InstantColumn;
}
