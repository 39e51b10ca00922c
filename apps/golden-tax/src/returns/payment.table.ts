import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn, FenColumn } from '@egov/kernel/db';

export type PaymentStatus = 'due' | 'paid';

/**
 * What a filed return owes the treasury, and whether golden-finance has
 * received it. Only a treasury receipt makes it `paid`.
 */
export interface PaymentTable {
  id: Generated<string>;
  return_id: string;
  credit_code: string;
  /** The reference the treasury matches the money against, e.g. `VAT-2024-05-91350100M000100Y43`. */
  reference: string;
  amount_fen: FenColumn;
  due_on: DateColumn;
  status: PaymentStatus;
  /** The receipt id golden-finance gave (treasury.receive); set exactly when paid. */
  treasury_receipt: string | null;
  paid_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type PaymentRow = Selectable<PaymentTable>;
