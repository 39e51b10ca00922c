import { randomBytes } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import {
  type CertificateAuthority,
  createRootCa,
  getAlgorithm,
  issueSealCertificate,
  type SealAlgorithm,
  type SealPublicKey,
} from '@egov/kernel/seal';
import { sql } from 'kysely';
import { inTransaction } from '@egov/kernel/db';
import type { PlatformDb } from '../database.ts';
import type { SealCaRow, SealCertificateRow } from './seal.table.ts';

/** Any constant prefix works: the same in every platform process sharing the database. */
const CA_LOCK = 'egov-platform.seal_ca:';
const CA_VALIDITY_DAYS = 20 * 365;
export const MAX_SEAL_VALIDITY_DAYS = 1825;
const DAY_MS = 86_400_000;

const caName = (algorithm: SealAlgorithm) => `eGov Platform Seal Root CA (${algorithm})`;

async function toCa(row: SealCaRow): Promise<CertificateAuthority> {
  const impl = getAlgorithm(row.algorithm);
  return {
    certificate: row.certificate,
    keys: {
      algorithm: row.algorithm,
      privateKey: await impl.importPrivateKey(row.private_key),
      publicKey: await impl.importPublicKey(row.public_key),
    },
  };
}

const findCa = (db: PlatformDb, algorithm: SealAlgorithm) =>
  db.selectFrom('seal_ca').selectAll().where('algorithm', '=', algorithm).executeTakeFirst();

/**
 * The root CA of `algorithm`, created on first use. Safe when two processes ask
 * at once: an advisory lock per algorithm serialises the check-then-insert.
 *
 * @example
 * const ca = await ensureSealCa(db); // Ed25519; or ensureSealCa(db, 'SM2-SM3')
 */
export async function ensureSealCa(
  db: PlatformDb,
  algorithm: SealAlgorithm = 'Ed25519',
): Promise<CertificateAuthority> {
  const existing = await findCa(db, algorithm);
  if (existing) return toCa(existing);
  const row = await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${CA_LOCK + algorithm}))`.execute(trx);
    const raced = await findCa(trx, algorithm);
    if (raced) return raced;
    const ca = await createRootCa({ name: caName(algorithm), algorithm, validityDays: CA_VALIDITY_DAYS });
    const impl = getAlgorithm(algorithm);
    return trx
      .insertInto('seal_ca')
      .values({
        algorithm,
        certificate: ca.certificate,
        public_key: await impl.exportPublicKey(ca.keys.publicKey),
        private_key: await impl.exportPrivateKey(ca.keys.privateKey),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toCa(row);
}

/** 16 random bytes, top bit clear (a positive DER integer) and never zero. */
function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString('hex');
}

async function importKey(algorithm: SealAlgorithm, text: string): Promise<SealPublicKey> {
  try {
    return await getAlgorithm(algorithm).importPublicKey(text.trim());
  } catch {
    throw new DomainError(
      'INVALID',
      `publicKey is not a ${algorithm} public key (SPKI PEM${algorithm === 'SM2-SM3' ? ', or a 04… hex point' : ''})`,
      { field: 'publicKey', rule: 'public_key' },
    );
  }
}

export interface IssueSealInput {
  agencyCode: string;
  subjectName: string;
  algorithm: SealAlgorithm;
  publicKey: string;
  validityDays: number;
}

/**
 * Certifies an agency's seal key with the root CA of the key's algorithm.
 * Returns the certificate and the chain (seal certificate, then root) to put in seals.
 */
export async function issueSeal(db: PlatformDb, input: IssueSealInput, now: Date) {
  const publicKey = await importKey(input.algorithm, input.publicKey);
  const agency = await db
    .selectFrom('agency')
    .select('code')
    .where('code', '=', input.agencyCode)
    .executeTakeFirst();
  if (!agency) {
    throw new DomainError('INVALID', `no agency with code ${input.agencyCode}`, { field: 'agencyCode' });
  }
  const ca = await ensureSealCa(db, input.algorithm);
  const serialNumber = newSerial();
  const certificate = await issueSealCertificate(ca, {
    subjectName: input.subjectName,
    agencyCode: input.agencyCode,
    publicKey,
    algorithm: input.algorithm,
    validityDays: input.validityDays,
    serialNumber,
    notBefore: now,
  });
  await db
    .insertInto('seal_certificate')
    .values({
      serial_number: serialNumber,
      agency_code: input.agencyCode,
      subject_name: input.subjectName,
      algorithm: input.algorithm,
      certificate,
      issued_at: now,
      not_after: new Date(now.getTime() + input.validityDays * DAY_MS),
    })
    .execute();
  return { serialNumber, certificate, chain: [certificate, ca.certificate] };
}

/** Lowercase, without leading zero octets, as the table stores serials. */
export function canonicalSerial(serial: string): string {
  return serial.toLowerCase().replace(/^(00)+(?=.)/, '');
}

/** Revokes a seal certificate from `now`: seals dated from then on stop verifying. */
export async function revokeSeal(db: PlatformDb, serial: string, reason: string, now: Date) {
  const serialNumber = canonicalSerial(serial);
  const row = await db
    .updateTable('seal_certificate')
    .set({ revoked_at: now, revocation_reason: reason })
    .where('serial_number', '=', serialNumber)
    .where('revoked_at', 'is', null)
    .returning(['serial_number', 'revoked_at'])
    .executeTakeFirst();
  if (row) return { serialNumber, revokedAt: row.revoked_at!.toISOString() };
  const exists = await db
    .selectFrom('seal_certificate')
    .select('serial_number')
    .where('serial_number', '=', serialNumber)
    .executeTakeFirst();
  if (!exists)
    throw new DomainError('NOT_FOUND', `no seal certificate ${serialNumber}`, { field: 'serialNumber' });
  throw new DomainError('CONFLICT', `seal certificate ${serialNumber} is already revoked`, {
    field: 'serialNumber',
  });
}

/** Everything an offline verifier needs: every root, every revocation. */
export async function trustAnchors(db: PlatformDb) {
  const roots = await db
    .selectFrom('seal_ca')
    .select(['algorithm', 'certificate'])
    .orderBy('algorithm')
    .execute();
  const revoked = await db
    .selectFrom('seal_certificate')
    .select(['serial_number', 'revoked_at'])
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .orderBy('serial_number')
    .execute();
  return {
    roots,
    revocations: revoked.map((r) => ({
      serialNumber: r.serial_number,
      revokedAt: r.revoked_at!.toISOString(),
    })),
  };
}

const view = (r: SealCertificateRow) => ({
  serialNumber: r.serial_number,
  agencyCode: r.agency_code,
  subjectName: r.subject_name,
  algorithm: r.algorithm,
  issuedAt: r.issued_at.toISOString(),
  notAfter: r.not_after.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  reason: r.revocation_reason,
});

/** Issued seal certificates, newest first, optionally of one agency. */
export async function listSeals(db: PlatformDb, agencyCode?: string) {
  let query = db.selectFrom('seal_certificate').selectAll();
  if (agencyCode) query = query.where('agency_code', '=', agencyCode);
  const rows = await query.orderBy('issued_at', 'desc').orderBy('serial_number').limit(1000).execute();
  return rows.map(view);
}

/** Issued seal certificates with their PEM, newest first, optionally of one agency (for auditors). */
export async function listSealCertificates(db: PlatformDb, agencyCode?: string) {
  let query = db.selectFrom('seal_certificate').selectAll();
  if (agencyCode) query = query.where('agency_code', '=', agencyCode);
  const rows = await query.orderBy('issued_at', 'desc').orderBy('serial_number').limit(1000).execute();
  return rows.map((r) => {
    const { reason: _reason, ...seen } = view(r);
    return { ...seen, certificate: r.certificate };
  });
}
