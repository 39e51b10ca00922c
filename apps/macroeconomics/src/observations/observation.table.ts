import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

/**
 * One figure in one revision: insert-only (a trigger refuses UPDATE, DELETE and TRUNCATE), so a
 * revised figure is a new row with the next revision and the first release stays as it was.
 */
export interface ObservationTable {
  id: Generated<string>;
  indicator: string;
  /** GB/T 2260 division, or `100000` for the whole country. */
  region: string;
  /** '' for all industries, else a GB/T 4754-2017 section or division. */
  industry: string;
  period_start: DateColumn;
  revision: number;
  /** `numeric`: an exact decimal, read as a string. */
  value: ColumnType<string, string, never>;
  unit: string;
  /** The dataset (exchange pull) that brought it. */
  dataset_id: string | null;
  recorded_at: InstantColumn;
}

/** The current revision of each figure; the only row that moves when a revision arrives. */
export interface ObservationHeadTable {
  indicator: string;
  region: string;
  industry: string;
  period_start: DateColumn;
  observation_id: string;
  revision: number;
}
