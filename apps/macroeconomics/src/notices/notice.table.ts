import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** A published notice; its number is made from `serial` (see `notice.rules.ts`). */
export interface NoticeTable {
  serial: ColumnType<string | number | bigint, never, never>;
  title: string;
  body: string;
  effective_on: DateColumn;
  published_by: string;
  published_at: InstantColumn;
}
