import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FenColumn } from '@egov/kernel/db';

/** 直接支付: the treasury pays the payee; 授权支付: the unit's zero-balance account pays. */
export type PaymentMethod = 'direct' | 'authorised';
export type PaymentStatus = 'requested' | 'approved' | 'rejected' | 'executed';

/** A payment request (用款申请) against an appropriation, and what became of it. */
export interface PaymentTable {
  id: Generated<string>;
  budget_unit_id: string;
  appropriation_id: string;
  method: PaymentMethod;
  payee_name: string;
  /** The payee's bank card number, validated (Luhn); shown masked. */
  payee_account: string;
  payee_bank: string;
  amount: FenColumn;
  purpose: string;
  status: PaymentStatus;
  requested_at: ColumnType<Date, Date, never>;
  requested_by: string;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decided_by: string | null;
  decision_note: string | null;
  executed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  executed_by: string | null;
  /** The treasury day it was paid (China), set on execution. */
  business_date: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export type PaymentRow = Selectable<PaymentTable>;
