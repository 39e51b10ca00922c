import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn, FenColumn } from '@egov/kernel/db';

export type JournalKind = 'receipt' | 'suspense_resolution' | 'payment' | 'clearing' | 'adjustment';
export type Side = 'debit' | 'credit';

/** A journal (记账凭证): one balanced posting. Append-only (a trigger refuses UPDATE and DELETE). */
export interface JournalTable {
  id: Generated<string | number>;
  kind: JournalKind;
  /** What it books: `receipt:<uuid>`, `payment:<uuid>`, … */
  reference: string;
  memo: string;
  /** The treasury day (China) it belongs to. */
  business_date: DateColumn;
  posted_at: ColumnType<Date, Date, never>;
  posted_by: string;
}

/** One line of a journal; the lines of a journal balance (checked at commit by a constraint trigger). */
export interface JournalLineTable {
  id: Generated<string | number>;
  journal_id: string | number;
  account_code: string;
  side: Side;
  amount: FenColumn;
}

export type JournalRow = Selectable<JournalTable>;
export type JournalLineRow = Selectable<JournalLineTable>;
