import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** One product batch whose items carry anti-counterfeit codes. */
export interface AntiCounterfeitBatchTable {
  uuid: string;
  holder_credit_code: string;
  product_name: string;
  batch_no: string;
  codes: number;
  issued_by: string;
  issued_at: InstantColumn;
}

/** One code, kept as its SHA-256, and how often the public has checked it. */
export interface AntiCounterfeitCodeTable {
  code_hash: string;
  batch_uuid: string;
  checks: ColumnType<number, number | undefined, number>;
  first_checked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
