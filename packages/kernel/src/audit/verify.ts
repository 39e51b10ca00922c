import type { JWK } from 'jose';
import { entryFromRow } from './append.ts';
import { CompactRange, leafHash } from './merkle/index.ts';
import { canonicalBytes } from './record.ts';
import { type TreeHead, verifyTreeHead } from './tree-head.ts';

export interface AuditProblem {
  /** The leaf index the problem is at, when there is one. */
  index: number | null;
  kind:
    | 'record_changed'
    | 'record_missing'
    | 'leaf_missing'
    | 'out_of_order'
    | 'root_mismatch'
    | 'bad_signature'
    | 'truncated'
    | 'inconsistent'
    | 'malformed'
    /** An archive changed after export: its content no longer matches its signed digest. */
    | 'digest_mismatch'
    /** No key the verifier trusts: nothing can be verified. */
    | 'unpinned'
    /** A tree head (or an archive) of another service than the one verified. */
    | 'wrong_service';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  leaves: number;
  treeHeads: number;
  problems: AuditProblem[];
  /** The lowest leaf index with a problem, if any. */
  firstBrokenIndex: number | null;
}

/** The log as read from a database or an archive: plain data, so both verify the same way. */
export interface AuditSnapshot {
  service: string;
  records: { seq: number; row: Parameters<typeof entryFromRow>[0] }[];
  leaves: { leafIndex: number; recordSeq: number; leafHash: Buffer }[];
  heads: { head: TreeHead; publicJwk: JWK }[];
  /** Records of leaves below this index were removed by retention (archived first). */
  prunedBeforeLeaf: number;
  /**
   * Keys the verifier trusts for tree heads (the app's enrolled key, a key file). If empty, each head
   * is checked against the key stored beside it: that proves the log is self-consistent, not who
   * signed it, which is why `egov audit verify` and `verifyArchive` refuse to run without one.
   */
  trustedKeys?: JWK[];
}

/**
 * Recomputes the whole log: every leaf hash from its record, the root at
 * every signed tree head, each head's signature, and consistency between
 * successive heads. Reports what is wrong instead of throwing.
 */
export async function verifySnapshot(snapshot: AuditSnapshot): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const bySeq = new Map(snapshot.records.map((r) => [r.seq, r.row]));
  const leaves = [...snapshot.leaves].sort((a, b) => a.leafIndex - b.leafIndex);
  const hashes: Buffer[] = [];
  const sequenced = new Set<number>();
  for (const [position, leaf] of leaves.entries()) {
    if (leaf.leafIndex !== position) {
      problems.push({ index: position, kind: 'leaf_missing', message: `leaf ${position} is missing` });
      break;
    }
    sequenced.add(leaf.recordSeq);
    hashes.push(leaf.leafHash);
    const row = bySeq.get(leaf.recordSeq);
    if (!row) {
      if (position >= snapshot.prunedBeforeLeaf) {
        problems.push({
          index: position,
          kind: 'record_missing',
          message: `record of leaf ${position} (seq ${leaf.recordSeq}) was deleted`,
        });
      }
      continue;
    }
    let recomputed: Buffer;
    try {
      recomputed = leafHash(canonicalBytes(entryFromRow(row)));
    } catch {
      problems.push({
        index: position,
        kind: 'malformed',
        message: `record of leaf ${position} cannot be read`,
      });
      continue;
    }
    if (!recomputed.equals(leaf.leafHash)) {
      problems.push({
        index: position,
        kind: 'record_changed',
        message: `record of leaf ${position} (seq ${leaf.recordSeq}) was changed`,
      });
    }
  }
  // A loop, not Math.max(...spread): a spread of a large log overflows the call stack.
  let maxSequenced = -1;
  for (const seq of sequenced) if (seq > maxSequenced) maxSequenced = seq;
  for (const r of snapshot.records) {
    if (!sequenced.has(r.seq) && r.seq < maxSequenced) {
      const late = snapshot.heads.some(
        (h) => new Date(h.head.issuedAt).getTime() - new Date(r.row.at).getTime() > 60_000,
      );
      if (late)
        problems.push({
          index: null,
          kind: 'out_of_order',
          message: `record seq ${r.seq} was inserted behind the sequenced log`,
        });
    }
  }
  await checkHeads(snapshot, hashes, problems);
  const indexed = problems.map((p) => p.index).filter((i): i is number => i !== null);
  return {
    ok: problems.length === 0,
    leaves: leaves.length,
    treeHeads: snapshot.heads.length,
    problems,
    firstBrokenIndex: indexed.length ? indexed.reduce((a, b) => Math.min(a, b)) : null,
  };
}

/**
 * One pass over the leaves with a compact range: at each head's size the
 * recomputed root must equal the signed one. Roots taken from one leaf
 * sequence are consistent by construction; a head whose size exceeds the log
 * means its tail was cut off.
 */
async function checkHeads(
  snapshot: AuditSnapshot,
  hashes: Buffer[],
  problems: AuditProblem[],
): Promise<void> {
  const heads = [...snapshot.heads].sort((a, b) => a.head.treeSize - b.head.treeSize);
  const range = new CompactRange();
  let lastGood = 0;
  const pinned = Boolean(snapshot.trustedKeys?.length);
  for (const { head, publicJwk } of heads) {
    const keys = pinned ? snapshot.trustedKeys! : [publicJwk];
    const signed = (await Promise.all(keys.map((k) => verifyTreeHead(k, head)))).some(Boolean);
    if (!signed)
      problems.push({
        index: null,
        kind: 'bad_signature',
        message: `tree head of size ${head.treeSize} is not signed by the ${pinned ? 'pinned key' : 'key stored with it'}`,
      });
    if (head.service !== snapshot.service)
      problems.push({
        index: null,
        kind: 'wrong_service',
        message: `tree head of size ${head.treeSize} is of ${head.service}, not of ${snapshot.service}`,
      });
    if (head.treeSize > hashes.length) {
      problems.push({
        index: hashes.length,
        kind: 'truncated',
        message: `tree head says ${head.treeSize} leaves, the log has ${hashes.length}`,
      });
      continue;
    }
    while (range.size < head.treeSize) range.append(hashes[range.size]!);
    if (!Buffer.from(range.root()).equals(Buffer.from(head.rootHash, 'hex'))) {
      problems.push({
        index: lastGood,
        kind: 'root_mismatch',
        message: `root at size ${head.treeSize} does not match its signed tree head: a leaf in ${lastGood}..${head.treeSize - 1} differs`,
      });
      // Only a head signed by a trusted key vouches for the leaves below it.
    } else if (signed) lastGood = head.treeSize;
  }
}
