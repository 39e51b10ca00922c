import type { Kysely } from 'kysely';
import type { DerivedFigureTable } from './derived/derived.table.ts';
import type { IndicatorTable } from './indicators/indicator.table.ts';
import type { ObservationHeadTable, ObservationTable } from './observations/observation.table.ts';
import type { ReleaseTable } from './releases/release.table.ts';
import type { DatasetTable, SubscriptionTable } from './sources/source.table.ts';

/** The tables of schema `macroeconomics`, as Kysely sees them. */
export interface MacroeconomicsDatabase {
  indicator: IndicatorTable;
  subscription: SubscriptionTable;
  dataset: DatasetTable;
  observation: ObservationTable;
  observation_head: ObservationHeadTable;
  derived_figure: DerivedFigureTable;
  release: ReleaseTable;
}

/** What services take first: the app's database or a transaction on it. */
export type MacroeconomicsDb = Kysely<MacroeconomicsDatabase>;
