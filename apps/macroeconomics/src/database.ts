import type { Kysely } from 'kysely';
import type { NoticeTable } from './notices/notice.table.ts';

/** The tables of schema `macroeconomics`, as Kysely sees them. */
export interface MacroeconomicsDatabase {
  notice: NoticeTable;
}

/** What services take first: the app's database or a transaction on it. */
export type MacroeconomicsDb = Kysely<MacroeconomicsDatabase>;
