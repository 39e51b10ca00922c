import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn, FenColumn } from '@egov/kernel/db';
import type { RevenueSource } from './sources.ts';

/** An amount an agency expects to be paid into the treasury (a customs duty bill, a tax assessment). */
export interface ExpectedItemTable {
  id: Generated<string>;
  source: RevenueSource;
  /** The agency's document number (declaration, payment voucher); unique per source. */
  source_reference: string;
  payer: string;
  amount: FenColumn;
  due_date: DateColumn;
  status: 'open' | 'matched';
  registered_at: ColumnType<Date, Date, never>;
  registered_by: string;
}

export type ExpectedItemRow = Selectable<ExpectedItemTable>;
