import type { FenColumn } from '@egov/kernel/db';
import type { ColumnType, Generated, Selectable } from 'kysely';

/** 直接支付: the treasury pays the payee; 授权支付: the unit's zero-balance account pays. */
export type PaymentMethod = 'direct' | 'authorised';
/** `cancelled`: its payee died before it was paid (golden-shield's death event). */
export type PaymentStatus = 'requested' | 'approved' | 'rejected' | 'executed' | 'cancelled';

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
  /** The requesting caller (`service:social-security`) of a batch line; null for a single request. */
  source: ColumnType<string | null, string | null | undefined, never>;
  /** The caller's own reference of a batch line, unique per source. */
  source_reference: ColumnType<string | null, string | null | undefined, never>;
  /** The payee's resident ID when the payee is a person (a pensioner). */
  payee_resident_id: ColumnType<string | null, string | null | undefined, never>;
}

/** A person golden-shield reported dead: no payment to them is requested or paid after it arrives. */
export interface DeceasedPayeeTable {
  resident_id: string;
  died_on: ColumnType<Date | string, string, never>;
  event_id: string;
  recorded_at: ColumnType<Date, Date, never>;
}

export type PaymentRow = Selectable<PaymentTable>;
