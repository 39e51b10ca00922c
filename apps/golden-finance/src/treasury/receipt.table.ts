import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn, FenColumn } from '@egov/kernel/db';
import type { RevenueSource } from './sources.ts';

export type ReceiptStatus = 'matched' | 'suspense';
export type SuspenseReason = 'no_expected_item' | 'amount_mismatch' | 'payer_mismatch' | 'already_matched';

/**
 * Money received into the treasury single account (入库), matched to its
 * source or parked in suspense. Its journals carry `reference = receipt:<id>`.
 */
export interface ReceiptTable {
  id: Generated<string>;
  source: RevenueSource;
  source_reference: string;
  payer: string;
  amount: FenColumn;
  received_at: ColumnType<Date, Date, never>;
  business_date: DateColumn;
  status: ReceiptStatus;
  /** Why it was parked; kept after resolution as history. */
  suspense_reason: SuspenseReason | null;
  expected_item_id: string | null;
  recorded_at: ColumnType<Date, Date, never>;
  recorded_by: string;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  resolved_by: string | null;
  resolution_note: string | null;
}

export type ReceiptRow = Selectable<ReceiptTable>;
