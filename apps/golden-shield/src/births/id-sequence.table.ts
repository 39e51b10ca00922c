import type { Selectable } from 'kysely';
import type { Sex } from '../residents/resident.table.ts';
import type { DateColumn } from '@egov/kernel/db';

/**
 * The last sequence code issued per (division, birth date, sex). Sex is part
 * of the key because the parity rule splits the 000-999 space in two: one
 * counter per parity hands out 1, 3, 5… and 2, 4, 6… without ever skipping
 * (a shared counter would waste a number whenever the sexes alternate).
 */
export interface IdSequenceTable {
  division: string;
  birth_date: DateColumn;
  sex: Sex;
  last_sequence: number;
}

export type IdSequenceRow = Selectable<IdSequenceTable>;
