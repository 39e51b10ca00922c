import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TaxpayerKind } from '../rates/vat-rates.ts';
import type { FenColumn } from '@egov/kernel/db';

/** A registered taxpayer (税务登记), keyed by its unified social credit code. */
export interface TaxpayerTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  kind: TaxpayerKind;
  /** GB/T 2260 county-level division; its first two digits pick the provincial bureau. */
  division: string;
  /** GB/T 4754-2017 industry code, when known. */
  industry: string | null;
  /** The most it may invoice in one calendar month (amount before VAT), in fen. */
  monthly_quota_fen: FenColumn;
  registered_at: ColumnType<Date, Date, never>;
  registered_by: string;
}

export type TaxpayerRow = Selectable<TaxpayerTable>;
