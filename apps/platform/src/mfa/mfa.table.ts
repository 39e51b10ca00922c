import type { ColumnType, Selectable } from 'kysely';

/**
 * An official's TOTP factor. The secret sits here in base32 for now; its
 * production home is an encrypted column under a KMS key, or an HSM.
 */
export interface OfficialMfaTable {
  official_id: string;
  secret: string;
  created_at: Date;
  /** Null until the first code proves the authenticator app holds the secret. */
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The last accepted time step (RFC 6238 T); a code for it or any earlier step is refused. */
  last_step: ColumnType<string | null, number | null | undefined, number | null>;
}

export type OfficialMfaRow = Selectable<OfficialMfaTable>;
