import type { ColumnType, Selectable } from 'kysely';
import type { CreatedAt } from '../database.ts';

/**
 * The platform's root CA for agency seals, one per algorithm (S8, S5.2).
 * The private key sits in the platform schema for now (JWK JSON, or hex `d` for
 * SM2); its production home is an HSM that signs certificates without ever
 * releasing the key, with only the certificate kept here.
 */
export interface SealCaTable {
  algorithm: 'Ed25519' | 'ECDSA-P256-SHA256' | 'SM2-SM3';
  /** Self-signed root certificate (PEM): the trust anchor verifiers pin. */
  certificate: string;
  public_key: string;
  private_key: string;
  created_at: CreatedAt;
}

/** A seal certificate the CA issued to an agency's seal key. */
export interface SealCertificateTable {
  /** Lowercase hex, unique across all the platform's CAs: revocations refer to it. */
  serial_number: string;
  agency_code: string;
  subject_name: string;
  /** Algorithm of the agency's key (the CA of the same algorithm signed it). */
  algorithm: 'Ed25519' | 'ECDSA-P256-SHA256' | 'SM2-SM3';
  certificate: string;
  issued_at: Date;
  not_after: Date;
  /** Seals dated at or after this time stop verifying; earlier ones stay valid. */
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revocation_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export type SealCaRow = Selectable<SealCaTable>;
export type SealCertificateRow = Selectable<SealCertificateTable>;
