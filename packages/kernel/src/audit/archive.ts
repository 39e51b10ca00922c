import { createHash } from 'node:crypto';
import { type CryptoKey, type JWK, importJWK } from 'jose';
import { type AuditSigner, type TreeHead, verifyTreeHead } from './tree-head.ts';
import { type AuditProblem, type AuditSnapshot, type AuditVerification, verifySnapshot } from './verify.ts';

const FORMAT = 'egov-audit-archive/v1';

function digestMessage(sha256: string): Uint8Array {
  return new TextEncoder().encode(`${FORMAT}\n${sha256}\n`);
}

/**
 * An archive is JSON Lines: a header, every record, leaf and signed tree
 * head, and a last line with the SHA-256 of everything before it, signed by
 * the app's key. A verifier needs the file and a key it trusts from elsewhere
 * (the app's enrolled public key, or a tree head it kept): the key the file
 * carries is informational. Format: docs/verifying.md.
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

/** A signed tree head an auditor kept (as `audit.treeHead` serves it), with the key that signed it. */
export type KeptTreeHead = TreeHead & { publicJwk: JWK };

/**
 * What the verifier trusts, from outside the archive: never the key the
 * archive carries. Public keys (a key file, the key the platform enrolled for
 * the app), tree heads an auditor kept (each pins its key and the log up to
 * its size), and the service the archive must be of.
 */
export interface ArchiveTrust {
  keys?: JWK[];
  heads?: KeptTreeHead[];
  service?: string;
}

/**
 * Verifies an archive without a database, against keys pinned by the
 * verifier: an archive carries its signer's key, and a forger re-signs with
 * a key of their own, so that key proves nothing. With nothing pinned the
 * archive is refused (`unpinned`). Otherwise everything is checked and every
 * problem reported, a changed byte included: the digest, the digest's
 * signature, then the log itself as `verifySnapshot` does, so a change in a
 * record is named by its leaf index.
 *
 * @example
 * const result = await verifyArchive(text, { keys: [enrolledJwk], service: 'golden-customs' });
 * if (!result.ok) console.log(result.firstBrokenIndex, result.problems[0]?.message);
 */
export async function verifyArchive(text: string, trust: ArchiveTrust | JWK[]): Promise<AuditVerification> {
  const { keys = [], heads: kept = [], service } = Array.isArray(trust) ? { keys: trust } : trust;
  const problems: AuditProblem[] = [];
  const pinned = [...keys];
  for (const head of kept) {
    if (await verifyTreeHead(head.publicJwk, head)) pinned.push(head.publicJwk);
    else
      problems.push({
        index: null,
        kind: 'unpinned',
        message: `the kept tree head of size ${head.treeSize} does not verify under its own key`,
      });
  }
  if (pinned.length === 0)
    return failed([
      ...problems,
      {
        index: null,
        kind: 'unpinned',
        message: 'no trusted key to verify the archive against (the key inside an archive proves nothing)',
      },
    ]);
  const cut = text.lastIndexOf('\n', text.length - 2);
  const body = text.slice(0, cut + 1);
  const digest = parseDigest(text.slice(cut + 1));
  if (typeof digest === 'string') problems.push({ index: null, kind: 'malformed', message: digest });
  else {
    if (createHash('sha256').update(body).digest('hex') !== digest.sha256)
      problems.push({
        index: null,
        kind: 'digest_mismatch',
        message: 'archive content does not match its digest (changed after export)',
      });
    if (!(await anyVerifies(pinned, digest.signature, digestMessage(digest.sha256))))
      problems.push({
        index: null,
        kind: 'bad_signature',
        message: `archive digest is not signed by the pinned key (it names ${String(digest.keyId)})`,
      });
  }
  const parsed = parseBody(body, pinned);
  problems.push(...parsed.problems);
  if (!parsed.snapshot) return failed(problems);
  const snapshot = parsed.snapshot;
  if (service !== undefined && snapshot.service !== service)
    problems.push({
      index: null,
      kind: 'wrong_service',
      message: `archive is of ${snapshot.service}, not of ${service}`,
    });
  for (const head of kept) snapshot.heads.push({ head, publicJwk: head.publicJwk });
  const result = await verifySnapshot(snapshot);
  return summarise([...problems, ...result.problems], result.leaves, result.treeHeads);
}

function failed(problems: AuditProblem[]): AuditVerification {
  return summarise(problems, 0, 0);
}

function summarise(problems: AuditProblem[], leaves: number, treeHeads: number): AuditVerification {
  const indexed = problems.map((p) => p.index).filter((i): i is number => i !== null);
  return {
    ok: problems.length === 0,
    leaves,
    treeHeads,
    problems,
    firstBrokenIndex: indexed.length ? indexed.reduce((a, b) => Math.min(a, b)) : null,
  };
}

interface DigestLine {
  sha256: string;
  signature: string;
  keyId?: unknown;
}

function parseDigest(line: string): DigestLine | string {
  let digest: { type?: unknown; sha256?: unknown; signature?: unknown; keyId?: unknown };
  try {
    digest = JSON.parse(line);
  } catch {
    return 'archive has no digest line (its last line is not JSON)';
  }
  if (digest?.type !== 'digest' || typeof digest.sha256 !== 'string' || typeof digest.signature !== 'string')
    return 'digest line is malformed';
  return { sha256: digest.sha256, signature: digest.signature, keyId: digest.keyId };
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

/**
 * Reads the body line by line and keeps going past a line it cannot read, so
 * a damaged line costs only its own record, leaf or head, which verification
 * then names by leaf index.
 */
function parseBody(
  body: string,
  trustedKeys: JWK[],
): { snapshot: AuditSnapshot | null; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  const lines = body.trimEnd().split('\n');
  const read = (line: string, number: number) => {
    try {
      return JSON.parse(line);
    } catch {
      problems.push({ index: null, kind: 'malformed', message: `line ${number} is not JSON` });
      return null;
    }
  };
  const header = read(lines[0] ?? '', 1);
  if (header?.type !== 'header' || header.format !== FORMAT) {
    problems.push({ index: null, kind: 'malformed', message: `line 1 is not a ${FORMAT} header` });
    return { snapshot: null, problems };
  }
  const snapshot: AuditSnapshot = {
    service: String(header.service),
    records: [],
    leaves: [],
    heads: [],
    prunedBeforeLeaf: Number(header.prunedBeforeLeaf ?? 0),
    trustedKeys,
  };
  for (const [i, text] of lines.slice(1).entries()) {
    const line = read(text, i + 2);
    if (line?.type === 'record') snapshot.records.push({ seq: Number(line.seq), row: line.row });
    else if (line?.type === 'leaf')
      snapshot.leaves.push({
        leafIndex: Number(line.leafIndex),
        recordSeq: Number(line.recordSeq),
        leafHash: Buffer.from(String(line.leafHash), 'hex'),
      });
    else if (line?.type === 'head') snapshot.heads.push({ head: line.head, publicJwk: line.publicJwk });
    else if (line !== null)
      problems.push({
        index: null,
        kind: 'malformed',
        message: `line ${i + 2} has unknown type ${String(line?.type)}`,
      });
  }
  return { snapshot, problems };
}
