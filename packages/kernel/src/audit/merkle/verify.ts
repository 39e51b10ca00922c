/**
 * Proof verification, following RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) step by
 * step. Inputs come from untrusted parties, so nothing here throws: every malformed input is a
 * failed verification, and the `...OrReason` variants say why, for logs and diagnostics.
 */
import { half, isPowerOfTwo, isSize } from './bits.ts';
import { bytesEqual, emptyRoot, HASH_SIZE, isHash, nodeHash } from './hash.ts';

/** No valid proof for a tree of ≤ 2^53 leaves has more than 54 elements; refuse huge arrays early. */
const MAX_PROOF_LENGTH = 64;

function badProof(proof: unknown): string | undefined {
  if (!Array.isArray(proof)) return 'proof must be an array';
  if (proof.length > MAX_PROOF_LENGTH) return `proof has ${proof.length} elements, more than any tree needs`;
  if (!proof.every(isHash)) return `every proof element must be ${HASH_SIZE} bytes`;
  return undefined;
}

function reasonOf(error: unknown): string {
  return `unexpected input: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Like {@link verifyInclusion}, but returns `true` or the reason the proof was rejected.
 *
 * @example
 * const verdict = verifyInclusionOrReason(hash, 3, 8, proof, root);
 * if (verdict !== true) log.warn({ verdict }, 'inclusion proof rejected');
 */
export function verifyInclusionOrReason(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): true | string {
  try {
    if (!isSize(index) || !isSize(size)) return 'index and size must be non-negative safe integers';
    if (index >= size) return `index ${index} is not below tree size ${size}`;
    if (!isHash(leafHash)) return `leaf hash must be ${HASH_SIZE} bytes`;
    if (!isHash(root)) return `root must be ${HASH_SIZE} bytes`;
    const bad = badProof(proof);
    if (bad !== undefined) return bad;
    let fn = index;
    let sn = size - 1;
    let r: Uint8Array = leafHash;
    for (const p of proof) {
      if (sn === 0) return 'proof is longer than the path to the root';
      if (fn % 2 === 1 || fn === sn) {
        r = nodeHash(p, r);
        // On the right border a node may have no sibling: skip the levels where it is promoted.
        while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
      } else {
        r = nodeHash(r, p);
      }
      [fn, sn] = [half(fn), half(sn)];
    }
    if (sn !== 0) return 'proof is shorter than the path to the root';
    return bytesEqual(r, root) ? true : 'computed root does not match the given root';
  } catch (error) {
    return reasonOf(error);
  }
}

/**
 * Checks that `leafHash` is leaf `index` of the tree of `size` leaves whose root is `root`
 * (RFC 9162 §2.1.3.2). Never throws: malformed input yields `false`.
 *
 * @example
 * verifyInclusion(leafHash(entry), 3, treeHead.size, proof, treeHead.root); // true or false
 */
export function verifyInclusion(...args: Parameters<typeof verifyInclusionOrReason>): boolean {
  return verifyInclusionOrReason(...args) === true;
}

/**
 * Like {@link verifyConsistency}, but returns `true` or the reason the proof was rejected.
 *
 * @example
 * const verdict = verifyConsistencyOrReason(5, 8, oldRoot, newRoot, proof);
 * if (verdict !== true) throw new Error(`log forked: ${verdict}`);
 */
export function verifyConsistencyOrReason(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): true | string {
  try {
    if (!isSize(oldSize) || !isSize(newSize)) return 'sizes must be non-negative safe integers';
    if (oldSize > newSize) return `old size ${oldSize} is larger than new size ${newSize}`;
    if (!(oldRoot instanceof Uint8Array) || !(newRoot instanceof Uint8Array)) return 'roots must be bytes';
    if (!Array.isArray(proof)) return 'proof must be an array';
    if (oldSize === newSize) {
      // Nothing to hash: the same tree must have the same root. Roots are compared as opaque bytes
      // (the vectors accept non-32-byte roots here), but an empty tree's root is known: SHA-256("").
      if (proof.length !== 0) return 'equal sizes need an empty proof';
      if (!bytesEqual(oldRoot, newRoot)) return 'equal sizes but different roots';
      if (oldSize === 0 && !bytesEqual(oldRoot, emptyRoot())) return 'an empty tree has root SHA-256("")';
      return true;
    }
    // RFC 9162 §2.1.4.2 requires 0 < first < second: a proof from the empty tree proves nothing.
    if (oldSize === 0) return 'no consistency proof exists from the empty tree';
    if (!isHash(oldRoot) || !isHash(newRoot)) return `roots must be ${HASH_SIZE} bytes`;
    const bad = badProof(proof);
    if (bad !== undefined) return bad;
    if (proof.length === 0) return 'empty proof for different sizes';
    // Step 2: when the old tree is a perfect subtree its root is the starting node, not sent.
    const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
    let fn = oldSize - 1;
    let sn = newSize - 1;
    while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
    let fr: Uint8Array = path[0]!;
    let sr: Uint8Array = fr;
    for (const c of path.slice(1)) {
      if (sn === 0) return 'proof is longer than needed';
      if (fn % 2 === 1 || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
      } else {
        sr = nodeHash(sr, c); // only the new tree has leaves to the right of the old tree's edge
      }
      [fn, sn] = [half(fn), half(sn)];
    }
    if (sn !== 0) return 'proof is shorter than needed';
    if (!bytesEqual(fr, oldRoot)) return 'proof does not lead to the old root';
    if (!bytesEqual(sr, newRoot)) return 'proof does not lead to the new root';
    return true;
  } catch (error) {
    return reasonOf(error);
  }
}

/**
 * Checks that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize`
 * leaves with root `newRoot` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots;
 * oldSize 0 < newSize is always rejected. Never throws: malformed input yields `false`.
 *
 * @example
 * verifyConsistency(previous.size, current.size, previous.root, current.root, proof); // true or false
 */
export function verifyConsistency(...args: Parameters<typeof verifyConsistencyOrReason>): boolean {
  return verifyConsistencyOrReason(...args) === true;
}
