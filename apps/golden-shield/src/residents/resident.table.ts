import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { DateColumn } from '@egov/kernel/db';

export type Sex = 'male' | 'female';
export type LifeStatus = 'alive' | 'dead';

/** One person in the population base; `household_division` is where they are registered now. */
export interface ResidentTable {
  id: Generated<string>;
  /** The GB 11643 number, issued once and never changed (upper-case X). */
  resident_id: string;
  name: string;
  sex: Sex;
  birth_date: DateColumn;
  birth_division: string;
  household_division: string;
  status: ColumnType<LifeStatus, LifeStatus | undefined, LifeStatus>;
  died_on: ColumnType<Date | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export type ResidentRow = Selectable<ResidentTable>;
export type NewResidentRow = Insertable<ResidentTable>;
