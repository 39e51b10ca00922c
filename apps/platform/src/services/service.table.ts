import type { JWK } from 'jose';
import type { ColumnType, Selectable } from 'kysely';
import type { Json } from '../database.ts';

/** An app's service identity: its own public key (never the private one) and its grants. */
export interface ServiceAccountTable {
  name: string;
  zone: 'internal' | 'external' | 'public';
  public_jwk: Json<JWK>;
  permissions: Json<string[]>;
  /** When the current key, zone and grants were enrolled (an unchanged re-enrolment keeps it). */
  enrolled_at: ColumnType<Date, Date | undefined, Date>;
  /** Set by a revocation: no token is issued for it, and those issued before stop verifying. */
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Assertion ids already exchanged; kept until the assertion would have expired anyway. */
export interface ServiceAssertionJtiTable {
  jti: string;
  expires_at: Date;
}

export type ServiceAccountRow = Selectable<ServiceAccountTable>;
