import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** A sample drawn from one pull: the method, the seed that reproduces it, and what it selected. */
export interface AuditSampleTable {
  id: string;
  project_id: string;
  pull_id: string;
  method: 'random' | 'monetary-unit';
  seed: ColumnType<string | number | bigint, number, never>;
  size: number;
  population_count: number;
  population_fen: ColumnType<string, string, never>;
  interval_fen: ColumnType<string | null, string | null, never>;
  selected: string[];
  drawn_by: string;
  drawn_at: InstantColumn;
}
