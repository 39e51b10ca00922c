import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** One pull of an owner's catalog resource under its grant: what was asked, what came back, its digest. */
export interface DataPullTable {
  id: string;
  project_id: string;
  source: string;
  resource_id: string;
  owner_app: string;
  procedure: string;
  grant_id: string;
  params: ColumnType<unknown, string, never>;
  records: ColumnType<unknown, string, never>;
  record_count: number;
  /** SHA-256 of the records as stored (canonical JSON), hex. */
  digest: string;
  pulled_by: string;
  pulled_at: InstantColumn;
}
