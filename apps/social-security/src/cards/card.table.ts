import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** A social-security card (社会保障卡) and the bank card number of its financial account. */
export interface CardTable {
  id: ColumnType<string | number | bigint, never, never>;
  insured_uuid: string;
  bank_card: string;
  /** active -> lost (reported) -> replaced (a new card reissued). */
  status: ColumnType<'active' | 'lost' | 'replaced', 'active', 'lost' | 'replaced'>;
  replaces_id: ColumnType<string | number | bigint | null, number | null, never>;
  issued_by: string;
  issued_at: InstantColumn;
  lost_at: ColumnType<Date | null, never, Date>;
}
