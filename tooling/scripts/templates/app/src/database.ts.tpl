import type { Kysely } from 'kysely';
import type { NoticeTable } from './notices/notice.table.ts';

/** The tables of schema `__schema__`, as Kysely sees them. */
export interface __Pascal__Database {
  notice: NoticeTable;
}

/** What services take first: the app's database or a transaction on it. */
export type __Pascal__Db = Kysely<__Pascal__Database>;
