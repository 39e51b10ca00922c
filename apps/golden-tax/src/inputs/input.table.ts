import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn, FenColumn } from '@egov/kernel/db';

export type InputSource = 'invoice' | 'customs';

/**
 * Deductible input VAT (进项税额) of a taxpayer for a period: a received
 * invoice it claimed, or an import-VAT certificate from customs. Keyed by
 * credit code, not taxpayer row: a certificate may arrive before the importer
 * registers here, and is still theirs.
 */
export interface InputCreditTable {
  id: Generated<string>;
  credit_code: string;
  source: InputSource;
  /** Set for `invoice` inputs (one claim per invoice). */
  invoice_id: string | null;
  /** Set for `customs` inputs (one per certificate): the idempotency key of the event. */
  certificate_no: string | null;
  declaration_id: string | null;
  tax_fen: FenColumn;
  /** `YYYY-MM`: the return the input is deducted in. */
  period: string;
  /** The invoice's issue date or the certificate's payment date. */
  evidence_date: DateColumn;
  recorded_at: ColumnType<Date, Date, never>;
  recorded_by: string;
}

export type InputCreditRow = Selectable<InputCreditTable>;
