import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateColumn } from '@egov/kernel/db';

/** One household registration move (户口迁移), appended, never edited. */
export interface HouseholdMoveTable {
  id: Generated<string>;
  resident_uuid: string;
  from_division: string;
  to_division: string;
  moved_on: DateColumn;
  recorded_at: ColumnType<Date, Date, never>;
  recorded_by: string;
}

export type HouseholdMoveRow = Selectable<HouseholdMoveTable>;
