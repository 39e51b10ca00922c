import type { Kysely } from 'kysely';
import type { InputCreditTable } from './inputs/input.table.ts';
import type {
  InvoiceLineTable,
  InvoiceSerialTable,
  InvoiceTable,
  QuotaUsageTable,
} from './invoices/invoice.table.ts';
import type { PaymentTable } from './returns/payment.table.ts';
import type { VatReturnTable } from './returns/return.table.ts';
import type { TaxpayerTable } from './taxpayers/taxpayer.table.ts';

/** The tables of schema `golden_tax`, as Kysely sees them. */
export interface GoldenTaxDatabase {
  taxpayer: TaxpayerTable;
  invoice: InvoiceTable;
  invoice_line: InvoiceLineTable;
  invoice_serial: InvoiceSerialTable;
  quota_usage: QuotaUsageTable;
  input_credit: InputCreditTable;
  vat_return: VatReturnTable;
  payment: PaymentTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenTaxDb = Kysely<GoldenTaxDatabase>;
