import { resolve } from 'node:path';
import { dataRoot, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import {
  getAlgorithm,
  parseCertificate,
  type SealAlgorithm,
  type SealedSignature,
  sealDocument,
  verifySeal,
} from '@egov/kernel/seal';
import { createSecretBox, type SecretBox, secretsMasterKey } from '@egov/kernel/secrets';
import type { Recorder } from '@egov/kernel/trpc';
import type { OfficeResourcesDb } from '../database.ts';
import { manifest } from '../manifest.ts';

let box: SecretBox | undefined;
/** The private seal key is kept encrypted (SM4 + HMAC-SM3) under the app's secrets master key. */
const secrets = () =>
  (box ??= createSecretBox(
    secretsMasterKey(process.env, resolve(dataRoot(), 'keys', 'office-resources-secrets.key')),
  ));

export interface SealKey {
  id: number;
  algorithm: SealAlgorithm;
  publicKey: string;
  serialNumber: string | null;
  notAfter: string | null;
  installed: boolean;
}

const present = (row: {
  id: string | number;
  algorithm: string;
  public_key: string;
  serial_number: string | null;
  not_after: Date | null;
  installed_at: Date | null;
}): SealKey => ({
  id: toSafeInteger(row.id),
  algorithm: row.algorithm as SealAlgorithm,
  publicKey: row.public_key,
  serialNumber: row.serial_number,
  notAfter: row.not_after?.toISOString() ?? null,
  installed: row.installed_at !== null,
});

/**
 * Makes the agency's seal key pair. The public key (SPKI PEM) goes to the platform's security
 * administrator, whose CA certifies it (`platform seals.issue` with agency code `gosc`); the
 * certificate chain then comes back through {@link installCertificate}.
 */
export async function createSealKey(
  db: OfficeResourcesDb,
  input: { algorithm: SealAlgorithm },
  recorder: Recorder,
): Promise<SealKey> {
  const impl = getAlgorithm(input.algorithm);
  const keys = await impl.generateKeyPair();
  const publicKey = await impl.exportPublicKey(keys.publicKey);
  const row = await db
    .insertInto('seal_key')
    .values({
      algorithm: input.algorithm,
      public_key: publicKey,
      // Bound to the public key, so a sealed value moved to another row does not open.
      private_key_sealed: secrets().seal(
        await impl.exportPrivateKey(keys.privateKey),
        `seal_key:${publicKey}`,
      ),
      created_by: recorder.by,
      created_at: recorder.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return present(row);
}

/**
 * Installs the certificate chain the platform's CA issued for one of our keys: the leaf must certify
 * exactly this key, for this agency, for sealing, and be valid now.
 */
export async function installCertificate(
  db: OfficeResourcesDb,
  input: { keyId: number; certificateChain: string[] },
  recorder: Recorder,
): Promise<SealKey> {
  const key = await db
    .selectFrom('seal_key')
    .selectAll()
    .where('id', '=', String(input.keyId))
    .forUpdate()
    .executeTakeFirst();
  if (!key) throw new DomainError('NOT_FOUND', `no seal key ${input.keyId}`, { field: 'keyId' });
  if (key.installed_at)
    throw new DomainError('CONFLICT', 'this key has its certificate', { field: 'keyId', rule: 'installed' });
  const refuse = (rule: string, message: string) =>
    new DomainError('INVALID', message, { field: 'certificateChain', rule });
  let leaf: ReturnType<typeof parseCertificate>;
  try {
    leaf = parseCertificate(input.certificateChain[0]!);
  } catch {
    throw refuse('certificate', 'the first certificate is not a PEM X.509 certificate');
  }
  // The leaf must certify our key and the chain must link up to its last certificate: a probe sealed
  // with our private key is checked against it (whether that root is the platform's is the verifier's
  // business, with the platform's trust anchors).
  const impl = getAlgorithm(key.algorithm as SealAlgorithm);
  const privateKey = await impl.importPrivateKey(
    secrets().open(key.private_key_sealed, `seal_key:${key.public_key}`),
  );
  const probe = new TextEncoder().encode(`seal key ${key.id} probe`);
  const probeSeal = await sealDocument({
    document: probe,
    algorithm: impl.name,
    privateKey,
    certificateChain: input.certificateChain,
    signedAt: recorder.at,
  });
  const checked = await verifySeal({
    document: probe,
    seal: probeSeal,
    trustedRoots: [input.certificateChain.at(-1)!],
    revocations: [],
    now: recorder.at,
  });
  if (!checked.valid && checked.reason === 'bad_signature')
    throw refuse('key_mismatch', 'the certificate does not certify this key');
  if (!checked.valid && checked.reason === 'certificate_expired')
    throw refuse('validity', 'the certificate is not valid now');
  if (!checked.valid) throw refuse('chain', `the chain does not verify: ${checked.message}`);
  if (leaf.agencyCode !== manifest.agency.code)
    throw refuse('agency', `the certificate is for agency ${leaf.agencyCode}, not ${manifest.agency.code}`);
  if (!leaf.canSeal) throw refuse('usage', 'the certificate is not for sealing');
  if (leaf.notAfter <= recorder.at || leaf.notBefore > recorder.at)
    throw refuse('validity', 'the certificate is not valid now');
  const row = await db
    .updateTable('seal_key')
    .set({
      certificate_chain: JSON.stringify(input.certificateChain),
      serial_number: leaf.serialNumber,
      not_after: leaf.notAfter,
      installed_at: recorder.at,
    })
    .where('id', '=', key.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return present(row);
}

/** The newest installed key still valid at `at`, or PRECONDITION_FAILED. */
async function activeKey(db: OfficeResourcesDb, at: Date) {
  const row = await db
    .selectFrom('seal_key')
    .selectAll()
    .where('installed_at', 'is not', null)
    .where('not_after', '>', at)
    .orderBy('installed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row?.certificate_chain)
    throw new DomainError('PRECONDITION_FAILED', 'the agency has no seal certificate installed', {
      field: 'seal',
      rule: 'no_seal_certificate',
    });
  return row;
}

/** The agency's current seal key and certificate, without the private key. */
export async function currentSealKey(db: OfficeResourcesDb, at: Date): Promise<SealKey> {
  return present(await activeKey(db, at));
}

/** Seals `document` (the rendered PDF) with the agency's key: a detached seal, verifiable offline. */
export async function sealWithAgencyKey(
  db: OfficeResourcesDb,
  document: Uint8Array,
  at: Date,
): Promise<SealedSignature> {
  const key = await activeKey(db, at);
  const impl = getAlgorithm(key.algorithm as SealAlgorithm);
  const privateKey = await impl.importPrivateKey(
    secrets().open(key.private_key_sealed, `seal_key:${key.public_key}`),
  );
  return sealDocument({
    document,
    algorithm: key.algorithm as SealAlgorithm,
    privateKey,
    certificateChain: key.certificate_chain as string[],
    signedAt: at,
  });
}

/** The subject name on our seal certificate, for the seal's ring text. */
export async function sealHolderName(db: OfficeResourcesDb, at: Date): Promise<string> {
  const key = await activeKey(db, at);
  return parseCertificate((key.certificate_chain as string[])[0]!).commonName ?? manifest.agency.name;
}
