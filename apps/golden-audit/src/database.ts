import type { Kysely } from 'kysely';
import type { NoticeTable } from './notices/notice.table.ts';

/** The tables of schema `golden_audit`, as Kysely sees them. */
export interface GoldenAuditDatabase {
  notice: NoticeTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenAuditDb = Kysely<GoldenAuditDatabase>;
