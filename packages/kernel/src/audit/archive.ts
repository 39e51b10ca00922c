import { createHash } from 'node:crypto';
import { type CryptoKey, type JWK, importJWK } from 'jose';
import type { AuditSigner } from './tree-head.ts';
import { type AuditSnapshot, type AuditVerification, verifySnapshot } from './verify.ts';

const FORMAT = 'egov-audit-archive/v1';

function digestMessage(sha256: string): Uint8Array {
  return new TextEncoder().encode(`${FORMAT}\n${sha256}\n`);
}

/**
 * An archive is JSON Lines: a header, every record, leaf and signed tree
 * head, and a last line with the SHA-256 of everything before it, signed by
 * the app's key. A verifier needs nothing but the file (and, to be sure of
 * the signer, the app's enrolled public key).
 */
export async function writeArchive(
  snapshot: AuditSnapshot,
  signer: AuditSigner,
  exportedAt: Date,
): Promise<string> {
  const lines = [
    JSON.stringify({
      type: 'header',
      format: FORMAT,
      service: snapshot.service,
      exportedAt: exportedAt.toISOString(),
      prunedBeforeLeaf: snapshot.prunedBeforeLeaf,
    }),
    ...snapshot.records.map((r) => JSON.stringify({ type: 'record', seq: r.seq, row: r.row })),
    ...snapshot.leaves.map((l) =>
      JSON.stringify({
        type: 'leaf',
        leafIndex: l.leafIndex,
        recordSeq: l.recordSeq,
        leafHash: l.leafHash.toString('hex'),
      }),
    ),
    ...snapshot.heads.map((h) => JSON.stringify({ type: 'head', head: h.head, publicJwk: h.publicJwk })),
  ];
  const body = `${lines.join('\n')}\n`;
  const sha256 = createHash('sha256').update(body).digest('hex');
  const signature = Buffer.from(
    await crypto.subtle.sign('Ed25519', signer.privateKey, digestMessage(sha256)),
  ).toString('base64');
  return `${body}${JSON.stringify({ type: 'digest', sha256, keyId: signer.keyId, publicJwk: signer.publicJwk, signature })}\n`;
}

/**
 * Verifies an archive without a database: the signed digest first (any
 * changed byte fails it), then the log itself as `verify` does.
 */
export async function verifyArchive(text: string, trustedKeys: JWK[] = []): Promise<AuditVerification> {
  const fail = (message: string): AuditVerification => ({
    ok: false,
    leaves: 0,
    treeHeads: 0,
    problems: [{ index: null, kind: 'malformed', message }],
    firstBrokenIndex: null,
  });
  const cut = text.lastIndexOf('\n', text.length - 2);
  if (cut < 0) return fail('archive has no digest line');
  const body = text.slice(0, cut + 1);
  let digest: { type?: string; sha256?: string; publicJwk?: JWK; signature?: string };
  try {
    digest = JSON.parse(text.slice(cut + 1));
  } catch {
    return fail('digest line is not JSON');
  }
  if (
    digest.type !== 'digest' ||
    typeof digest.sha256 !== 'string' ||
    typeof digest.signature !== 'string' ||
    !digest.publicJwk
  ) {
    return fail('digest line is malformed');
  }
  if (createHash('sha256').update(body).digest('hex') !== digest.sha256)
    return fail('archive content does not match its digest');
  const keys = trustedKeys.length ? trustedKeys : [digest.publicJwk];
  if (!(await anyVerifies(keys, digest.signature, digestMessage(digest.sha256))))
    return fail('archive digest is not validly signed');
  let snapshot: AuditSnapshot;
  try {
    snapshot = parseBody(body, trustedKeys);
  } catch (error) {
    return fail(`archive body is malformed: ${(error as Error).message}`);
  }
  return verifySnapshot(snapshot);
}

async function anyVerifies(keys: JWK[], signature: string, message: Uint8Array): Promise<boolean> {
  for (const jwk of keys) {
    try {
      const key = (await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey;
      if (await crypto.subtle.verify('Ed25519', key, Buffer.from(signature, 'base64'), message)) return true;
    } catch {
      // a malformed key verifies nothing
    }
  }
  return false;
}

function parseBody(body: string, trustedKeys: JWK[]): AuditSnapshot {
  const lines = body
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  const header = lines[0];
  if (header?.type !== 'header' || header.format !== FORMAT) throw new Error('no header');
  const snapshot: AuditSnapshot = {
    service: header.service,
    records: [],
    leaves: [],
    heads: [],
    prunedBeforeLeaf: Number(header.prunedBeforeLeaf ?? 0),
    trustedKeys,
  };
  for (const line of lines.slice(1)) {
    if (line.type === 'record') snapshot.records.push({ seq: line.seq, row: line.row });
    else if (line.type === 'leaf')
      snapshot.leaves.push({
        leafIndex: line.leafIndex,
        recordSeq: line.recordSeq,
        leafHash: Buffer.from(line.leafHash, 'hex'),
      });
    else if (line.type === 'head') snapshot.heads.push({ head: line.head, publicJwk: line.publicJwk });
    else throw new Error(`unknown line type ${String(line.type)}`);
  }
  return snapshot;
}
