/**
 * The worked example of docs/verifying.md, produced by the kernel's own code from fixed inputs:
 * a fixed Ed25519 key (Ed25519 signatures are deterministic, RFC 8032), three audit records, two
 * signed tree heads, the archive, proofs, a token and an SM2 seal with the GM/T 0003.5 example key
 * and nonce. `verifying-doc.test.ts` checks that the document still shows exactly these bytes;
 * `npx tsx packages/kernel/src/audit/worked-example.fixture.ts` prints them.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { type CryptoKey, importJWK, type JWK, SignJWT } from 'jose';
import { PLATFORM_AUDIENCE, PLATFORM_ISSUER } from '../identity/claims.ts';
import { toHex } from '../seal/encoding.ts';
import { sealMessage } from '../seal/seal.ts';
import { sm2PrivateKeyFromHex, sm2SignWithNonce, sm3 } from '../seal/sm2.ts';
import { writeArchive } from './archive.ts';
import { consistencyProof, inclusionProof, leafHash, rootFromLeafHashes } from './merkle/index.ts';
import { type AuditEntry, canonicalBytes } from './record.ts';
import { type AuditSigner, signTreeHead, treeHeadMessage } from './tree-head.ts';
import type { AuditSnapshot } from './verify.ts';

/** RFC 8032 private keys are 32-byte seeds; this one is 0x00, 0x01, ... 0x1f. */
const SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
/** GM/T 0003.5 (GB/T 32918.5) example private key and signing nonce, on the SM2 recommended curve. */
export const SM2_EXAMPLE_D = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
export const SM2_EXAMPLE_K = '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21';

async function exampleSigner(): Promise<{ signer: AuditSigner; privateJwk: JWK }> {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]);
  const keyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const privateJwk = keyObject.export({ format: 'jwk' }) as JWK;
  const publicJwk = createPublicKey(keyObject).export({ format: 'jwk' }) as JWK;
  const privateKey = (await importJWK({ ...privateJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
  return {
    signer: {
      keyId: 'service:golden-customs',
      privateKey,
      publicJwk: { ...publicJwk, alg: 'EdDSA', use: 'sig' },
    },
    privateJwk,
  };
}

const record = (i: number, procedure: string, objectIds: string[]): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 20, 8, 0, i)),
  actor: 'official:customs-officer',
  actorAgency: 'customs',
  subject: null,
  service: 'golden-customs',
  procedure,
  kind: 'mutation',
  objectIds,
  outcome: 'ok',
  errorCode: null,
  sourceAddress: '10.20.0.7',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  requestId: `req-${i}`,
});

const rowOf = (e: AuditEntry) => ({
  at: e.at.toISOString(),
  actor: e.actor,
  actor_agency: e.actorAgency,
  subject: e.subject,
  service: e.service,
  procedure: e.procedure,
  kind: e.kind,
  object_ids: e.objectIds,
  outcome: e.outcome,
  error_code: e.errorCode,
  source_address: e.sourceAddress,
  trace_id: e.traceId,
  request_id: e.requestId,
});

export async function workedExample() {
  const { signer, privateJwk } = await exampleSigner();
  const entries = [
    record(1, 'declarations.submit', ['declaration:D-2026-0001']),
    record(2, 'declarations.pay', ['declaration:D-2026-0001', 'receipt:R-77']),
    record(3, 'declarations.release', ['declaration:D-2026-0001']),
  ];
  const canonical = entries.map((e) => canonicalBytes(e));
  const leaves = canonical.map((c) => leafHash(c));
  const heads = await Promise.all(
    [2, 3].map((size, i) =>
      signTreeHead(signer, {
        service: 'golden-customs',
        treeSize: size,
        rootHash: rootFromLeafHashes(leaves.slice(0, size)).toString('hex'),
        issuedAt: new Date(Date.UTC(2026, 10, 20, 8, 0, 5 + i)).toISOString(),
      }),
    ),
  );
  const snapshot: AuditSnapshot = {
    service: 'golden-customs',
    records: entries.map((e, i) => ({ seq: i + 1, row: rowOf(e) })),
    leaves: leaves.map((h, i) => ({ leafIndex: i, recordSeq: i + 1, leafHash: h })),
    heads: heads.map((head) => ({ head, publicJwk: signer.publicJwk })),
    prunedBeforeLeaf: 0,
  };
  const archive = await writeArchive(snapshot, signer, new Date(Date.UTC(2026, 10, 21, 0, 0, 0)));

  const token = await new SignJWT({
    typ: 'official',
    sub: 'official:auditadmin',
    username: 'auditadmin',
    agency: 'platform',
    roles: ['audit-admin'],
    perms: ['kernel.audit.read'],
    sid: 's-1',
    amr: ['pwd', 'otp'],
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'platform-key-1', typ: 'at+jwt' })
    .setIssuer(PLATFORM_ISSUER)
    .setAudience(PLATFORM_AUDIENCE)
    .setSubject('official:auditadmin')
    .setIssuedAt(1_795_161_600)
    .setExpirationTime(1_795_161_600 + 900)
    .setJti('00000000-0000-4000-8000-000000000001')
    .sign(signer.privateKey);

  const document = new TextEncoder().encode('Certificate of residence No. 2026-000123');
  const sm2Key = sm2PrivateKeyFromHex(SM2_EXAMPLE_D);
  const sealDigest = toHex(sm3(document));
  const signedAt = '2026-11-20T08:00:00.000Z';
  const sealText = sealMessage('SM2-SM3', sealDigest, signedAt);
  const sealSignature = sm2SignWithNonce(sm2Key, sealText, SM2_EXAMPLE_K);

  return {
    seedHex: SEED.toString('hex'),
    privateJwk,
    publicJwk: signer.publicJwk,
    canonical: canonical.map((c) => c.toString('utf8')),
    canonicalHex: canonical.map((c) => c.toString('hex')),
    leaves: leaves.map((h) => h.toString('hex')),
    node01: rootFromLeafHashes(leaves.slice(0, 2)).toString('hex'),
    heads,
    headMessages: heads.map((h) => Buffer.from(treeHeadMessage(h)).toString('utf8')),
    headMessageHex: heads.map((h) => Buffer.from(treeHeadMessage(h)).toString('hex')),
    inclusion2of3: inclusionProof(leaves, 2, 3).map((h) => h.toString('hex')),
    consistency2to3: consistencyProof(leaves, 2, 3).map((h) => h.toString('hex')),
    archive,
    token,
    seal: {
      document: 'Certificate of residence No. 2026-000123',
      digest: sealDigest,
      signedAt,
      text: Buffer.from(sealText).toString('utf8'),
      textHex: Buffer.from(sealText).toString('hex'),
      publicKey: sm2Key.publicKey,
      signatureHex: toHex(sealSignature),
      signatureBase64: Buffer.from(sealSignature).toString('base64'),
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await workedExample(), null, 2));
