import type { ColumnType, Selectable } from 'kysely';
import type { DateColumn } from '@egov/kernel/db';

/** The death record of a resident: at most one per person (the key is the resident). */
export interface DeathTable {
  resident_uuid: string;
  died_on: DateColumn;
  place_division: string;
  /** The medical death certificate (医学死亡证明) number; one certificate certifies one death. */
  certificate_no: string;
  recorded_at: ColumnType<Date, Date, never>;
  recorded_by: string;
}

export type DeathRow = Selectable<DeathTable>;
