import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { Frequency } from './period.rules.ts';

/** An indicator (指标) of the macroeconomic base database and where its figures come from. */
export interface IndicatorTable {
  /** e.g. `CUS-IMP-VALUE`. */
  code: string;
  name_zh: string;
  name_en: string;
  /** See `unit.rules.ts`. */
  unit: string;
  frequency: Frequency;
  /** The catalog resource (GB/T 21063 identifier) whose publication carries the figure. */
  source_resource: string;
  /** The measure's name inside that publication. */
  source_measure: string;
  /** The indicator this one is a part of: its share is computed against it. */
  parent: string | null;
  /** First day of the base period of the fixed-base index (base = 100); none: no index. */
  index_base: DateColumn | null;
  defined_by: string;
  defined_at: InstantColumn;
}
