import type { ColumnType, Selectable } from 'kysely';

/**
 * An official's TOTP factor. `secret` is sealed (`@egov/kernel/secrets`: SM4
 * and HMAC-SM3 under the platform's secrets key, bound to `official_id`).
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
