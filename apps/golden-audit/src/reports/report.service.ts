import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { dataRoot } from '@egov/kernel/db';
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
import { chinaDate } from '@egov/standards';
import type { GoldenAuditDb } from '../database.ts';
import { listFindings } from '../findings/finding.service.ts';
import { getProject } from '../projects/project.service.ts';
import { listPulls } from '../pulls/pull.service.ts';
import { listSamples } from '../sampling/sampling.service.ts';
import { reportDocument } from './report.rules.ts';

let box: SecretBox | undefined;
/** The seal's private key is stored sealed (SM4 + HMAC-SM3) under golden-audit's own master key. */
const secrets = () =>
  (box ??= createSecretBox(
    secretsMasterKey(process.env, resolve(dataRoot(), 'keys', 'golden-audit-secrets.key')),
  ));
const KEY_CONTEXT = 'report_seal_key:report';

/**
 * Makes the report seal's key pair (once: 409 after) and returns its public
 * key, which the platform's security administrator certifies for agency
 * `cnao` (`seals.issue` at the platform's CA).
 */
export async function createSealKey(
  db: GoldenAuditDb,
  algorithm: SealAlgorithm,
  recorder: Recorder,
): Promise<{ algorithm: SealAlgorithm; publicKey: string }> {
  const impl = getAlgorithm(algorithm);
  const keys = await impl.generateKeyPair();
  const publicKey = await impl.exportPublicKey(keys.publicKey);
  const inserted = await db
    .insertInto('report_seal_key')
    .values({
      id: 'report',
      algorithm,
      public_key: publicKey,
      private_key_sealed: secrets().seal(await impl.exportPrivateKey(keys.privateKey), KEY_CONTEXT),
      certificate_chain: null,
      created_by: recorder.by,
      created_at: recorder.at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('CONFLICT', 'the report seal key exists already', {
      field: 'algorithm',
      rule: 'exists',
    });
  return { algorithm, publicKey };
}

/**
 * Installs the certificate chain the platform's CA issued for the seal key:
 * the first certificate must be a seal certificate of agency `cnao` for this
 * very key; 400 naming `certificateChain.0` otherwise.
 */
export async function installSealCertificate(
  db: GoldenAuditDb,
  chain: string[],
): Promise<{ serialNumber: string; subject: string }> {
  const key = await db
    .selectFrom('report_seal_key')
    .selectAll()
    .where('id', '=', 'report')
    .forUpdate()
    .executeTakeFirst();
  if (!key)
    throw new DomainError('CONFLICT', 'make the report seal key first (reports.createSealKey)', {
      field: 'certificateChain',
      rule: 'no_key',
    });
  let leaf: ReturnType<typeof parseCertificate>;
  try {
    leaf = parseCertificate(chain[0]!);
  } catch {
    throw new DomainError('INVALID', 'not a PEM certificate', {
      field: 'certificateChain.0',
      rule: 'certificate',
    });
  }
  // The certificate must carry this very key: a probe sealed with the private key is checked against the
  // certificate's key (verifySeal checks the signature before the chain, so an unknown root does not hide it).
  const algorithm = key.algorithm as SealAlgorithm;
  const probe = new TextEncoder().encode(`golden-audit seal key probe ${leaf.serialNumber}`);
  const sealed = await sealDocument({
    document: probe,
    algorithm,
    privateKey: await getAlgorithm(algorithm).importPrivateKey(
      secrets().open(key.private_key_sealed, KEY_CONTEXT),
    ),
    certificateChain: chain,
    signedAt: new Date(),
  });
  const checked = await verifySeal({
    document: probe,
    seal: sealed,
    trustedRoots: [chain.at(-1)!],
    revocations: [],
  });
  if (
    !leaf.canSeal ||
    leaf.keyAlgorithm !== algorithm ||
    (!checked.valid && checked.reason === 'bad_signature')
  )
    throw new DomainError('INVALID', 'the certificate is not a seal certificate for the report seal key', {
      field: 'certificateChain.0',
      rule: 'key_mismatch',
    });
  if (leaf.agencyCode !== 'cnao')
    throw new DomainError('INVALID', `the certificate is agency ${leaf.agencyCode}'s, not cnao's`, {
      field: 'certificateChain.0',
      rule: 'agency',
    });
  await db
    .updateTable('report_seal_key')
    .set({ certificate_chain: chain })
    .where('id', '=', 'report')
    .execute();
  return { serialNumber: leaf.serialNumber, subject: leaf.subject };
}

/**
 * The project's report, sealed with golden-audit's seal: the document (its
 * canonical JSON text) and a detached seal any holder of the platform's trust
 * anchors verifies offline (`verifySeal` from `@egov/kernel/seal`). Each
 * export is registered with its digest.
 */
export async function exportReport(
  db: GoldenAuditDb,
  projectId: string,
  recorder: Recorder,
): Promise<{ document: string; seal: SealedSignature }> {
  const key = await db
    .selectFrom('report_seal_key')
    .selectAll()
    .where('id', '=', 'report')
    .executeTakeFirst();
  if (!key?.certificate_chain)
    throw new DomainError('CONFLICT', 'the report seal has no certificate yet (reports.installCertificate)', {
      field: 'projectId',
      rule: 'no_seal',
    });
  const today = chinaDate(recorder.at);
  const bytes = reportDocument({
    project: await getProject(db, projectId, 'projectId'),
    pulls: await listPulls(db, projectId),
    samples: await listSamples(db, projectId),
    findings: await listFindings(db, projectId, today),
    asOf: today,
    exportedBy: recorder.by,
  });
  const algorithm = key.algorithm as SealAlgorithm;
  const impl = getAlgorithm(algorithm);
  const seal = await sealDocument({
    document: bytes,
    algorithm,
    privateKey: await impl.importPrivateKey(secrets().open(key.private_key_sealed, KEY_CONTEXT)),
    certificateChain: key.certificate_chain,
    signedAt: recorder.at,
  });
  await db
    .insertInto('audit_report')
    .values({
      id: randomUUID(),
      project_id: projectId,
      digest: seal.digest,
      algorithm,
      certificate_serial: parseCertificate(key.certificate_chain[0]!).serialNumber,
      signed_at: recorder.at,
      exported_by: recorder.by,
    })
    .execute();
  return { document: new TextDecoder().decode(bytes), seal };
}
