import type { ColumnType, Generated, Selectable } from 'kysely';

export type VerificationResult = 'match' | 'mismatch' | 'not_on_file';

/**
 * Every identity check with its stated purpose. The kernel audit trail will
 * supersede this table; it stays until then so the audit work has a record to
 * compare against.
 */
export interface VerificationLogTable {
  id: Generated<string>;
  /** The principal id of the caller (`service:golden-tax`, `official:…`). */
  caller: string;
  purpose: string;
  result: VerificationResult;
  /** Whom the check was about, when on file; never the name or ID the caller typed. */
  resident_uuid: string | null;
  at: ColumnType<Date, Date, never>;
}

export type VerificationLogRow = Selectable<VerificationLogTable>;
