import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';
import type { CardStatus } from './card.rules.ts';

/** A range of 6-digit issuer identification numbers (BIN/IIN) of one institution, with its cards' length. */
export interface BinRangeTable {
  id: Generated<number>;
  institution: string;
  bin_from: number;
  bin_to: number;
  card_length: number;
  registered_by: string;
  registered_at: InstantColumn;
}

/** A bank card on the Golden Card registry; its number is shown masked, always. */
export interface BankCardTable {
  pan: string;
  institution: string;
  bin_range_id: number;
  status: CardStatus;
  registered_by: string;
  registered_at: InstantColumn;
  status_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
