import type { Selectable } from 'kysely';
import type { DateColumn, FenColumn, InstantColumn } from '@egov/kernel/db';

/** The three revenue sources customs collects, named as golden-finance's treasury names them. */
export const taxSources = ['customs-duty', 'consumption-tax', 'import-vat'] as const;
export type TaxSource = (typeof taxSources)[number];

/** A treasury receipt golden-finance gave for one tax of a declaration. */
export interface DeclarationPaymentTable {
  declaration_id: string;
  tax: TaxSource;
  /** `<declarationNo>-<tax>`: the reference the treasury knows the payment by. */
  source_reference: string;
  amount_fen: FenColumn;
  receipt_id: string;
  receipt_status: 'matched' | 'suspense';
  business_date: DateColumn;
  received_at: InstantColumn;
}

export type DeclarationPaymentRow = Selectable<DeclarationPaymentTable>;
