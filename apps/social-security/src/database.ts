import type { Kysely } from 'kysely';
import type { NoticeTable } from './notices/notice.table.ts';

/** The tables of schema `social_security`, as Kysely sees them. */
export interface SocialSecurityDatabase {
  notice: NoticeTable;
}

/** What services take first: the app's database or a transaction on it. */
export type SocialSecurityDb = Kysely<SocialSecurityDatabase>;
