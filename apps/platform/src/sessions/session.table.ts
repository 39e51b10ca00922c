import type { ColumnType, Selectable } from 'kysely';

/** A login session: every access token of it carries its `sid`, so one revocation ends them all. */
export interface SessionTable {
  sid: string;
  official_id: string;
  created_at: Date;
  /** Last login, refresh or second factor; the idle limit counts from here. */
  last_seen_at: Date;
  absolute_expires_at: Date;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** `logout`, `disabled`, `mfa-attempts`, `mfa-reset`, `password-changed`, `refresh-reuse`. */
  revoked_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** RFC 8176 methods so far: `{pwd}`, then `{pwd,otp}`. */
  amr: ColumnType<string[], string[] | undefined, string[]>;
  /** SHA-256 (hex) of the current refresh secret. */
  refresh_hash: string;
  mfa_failures: ColumnType<number, number | undefined, number>;
}

export type SessionRow = Selectable<SessionTable>;
