import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

export type Measure = 'yoy' | 'pop' | 'index' | 'cum_yoy' | 'share';

/**
 * A derived figure, computed by `computeDerived` from current observations and never written otherwise
 * (no procedure takes one); `inputs` are the observation ids it came from, in the order of the formula.
 */
export interface DerivedFigureTable {
  indicator: string;
  region: string;
  industry: string;
  period_start: DateColumn;
  measure: Measure;
  value: ColumnType<string, string, string>;
  inputs: ColumnType<string[], string[], string[]>;
  computed_at: InstantColumn;
}
