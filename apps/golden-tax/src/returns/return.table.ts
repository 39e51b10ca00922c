import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TaxpayerKind } from '../rates/vat-rates.ts';
import type { FenColumn } from '@egov/kernel/db';

/**
 * A VAT return (增值税申报) for one month. The figures satisfy, by a check
 * constraint too: payable − credit carried forward = output − input − credit
 * brought forward, with at most one of payable and carried credit non-zero.
 */
export interface VatReturnTable {
  id: Generated<string>;
  taxpayer_id: string;
  credit_code: string;
  /** `YYYY-MM` */
  period: string;
  /** The taxpayer's kind when it filed. */
  kind: TaxpayerKind;
  output_tax_fen: FenColumn;
  /** Input deducted in this return (0 for small-scale taxpayers). */
  input_tax_fen: FenColumn;
  credit_brought_forward_fen: FenColumn;
  payable_fen: FenColumn;
  credit_carried_forward_fen: FenColumn;
  filed_at: ColumnType<Date, Date, never>;
  filed_by: string;
}

export type VatReturnRow = Selectable<VatReturnTable>;
