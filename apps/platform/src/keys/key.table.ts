import type { JWK } from 'jose';
import type { ColumnType, Selectable } from 'kysely';
import type { CreatedAt, Json } from '../database.ts';

/**
 * A token-signing key. The private JWK sits in the platform schema for now;
 * its production home is an HSM or a cloud KMS that signs without ever
 * releasing the key, with only the public half and the key id kept here.
 */
export interface SigningKeyTable {
  kid: string;
  private_jwk: Json<JWK>;
  public_jwk: Json<JWK>;
  created_at: CreatedAt;
  /** Set when the key may no longer sign or verify; it then leaves the JWKS. */
  retired_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type SigningKeyRow = Selectable<SigningKeyTable>;
