import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SupplyCategory } from '../rates/vat-rates.ts';
import type { BigintColumn, DateColumn, FenColumn } from '@egov/kernel/db';

export type InvoiceStatus = 'issued' | 'voided';

/** A fully digital e-invoice (全面数字化的电子发票), seller and buyer as printed at issue. */
export interface InvoiceTable {
  id: Generated<string>;
  /** 20 digits: year (2) + provincial bureau (2) + channel (1) + serial (15). */
  number: string;
  seller_id: string;
  seller_credit_code: string;
  seller_name: string;
  /** Absent for a buyer without a credit code (a person). */
  buyer_credit_code: string | null;
  buyer_name: string;
  issued_on: DateColumn;
  /** Amount before VAT (金额), VAT (税额) and their sum (价税合计), all in fen. */
  amount_fen: FenColumn;
  tax_fen: FenColumn;
  total_fen: FenColumn;
  status: InvoiceStatus;
  issued_at: ColumnType<Date, Date, never>;
  issued_by: string;
  voided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  voided_by: string | null;
  void_reason: string | null;
}

/** One line of an invoice, with the amount and tax computed from it. */
export interface InvoiceLineTable {
  invoice_id: string;
  /** 1-based. */
  line_no: number;
  description: string;
  category: SupplyCategory;
  /** A decimal string, e.g. '2.5'. */
  quantity: string;
  unit_price_fen: FenColumn;
  /** The rate of the dated table, a decimal string such as '0.13'. */
  rate: string;
  amount_fen: FenColumn;
  tax_fen: FenColumn;
}

/** The last serial issued per (year, provincial bureau): the gapless counter behind invoice numbers. */
export interface InvoiceSerialTable {
  year: string;
  bureau: string;
  last_serial: BigintColumn;
}

/** What a taxpayer has invoiced in a calendar month (amount before VAT), against its quota. */
export interface QuotaUsageTable {
  taxpayer_id: string;
  /** `YYYY-MM` */
  month: string;
  used_fen: FenColumn;
}

export type InvoiceRow = Selectable<InvoiceTable>;
