import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

export interface ArchiveSequenceTable {
  year: number;
  retention: string;
  last_item: number;
}

/** One archived item (件): an outgoing document once distributed, or an incoming one once closed. */
export interface ArchiveItemTable {
  archive_number: string;
  year: number;
  retention: 'permanent' | '30-years' | '10-years';
  item: number;
  document_id: string | null;
  incoming_id: string | null;
  title: string;
  reference: string;
  classification: string;
  formed_on: ColumnType<Date | string, string, never>;
  keep_until: ColumnType<Date | string | null, string | null, never>;
  archived_by: string;
  archived_at: InstantColumn;
}
