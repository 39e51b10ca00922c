import { emptyRoot, nodeHash } from './hash.ts';

/** A perfect subtree of 2^level leaves, the index-th of its size from the left: leaves [index·2^level, (index+1)·2^level). */
export interface Subtree {
  level: number;
  index: number;
}

/**
 * The perfect subtrees a range of leaves is made of, left (largest) to
 * right, as a compact range of `end - begin` leaves starting at `begin`
 * splits it. Every range a proof asks for starts at a multiple of its
 * largest part, so the parts are aligned subtrees of the whole tree (which a
 * store can keep); a range that is not throws RangeError.
 *
 * @example
 * subtreesOf(8, 13); // [{ level: 2, index: 2 }, { level: 0, index: 12 }]
 */
export function subtreesOf(begin: number, end: number): Subtree[] {
  const parts: Subtree[] = [];
  let at = begin;
  for (let level = 52; level >= 0 && at < end; level--) {
    const size = 2 ** level;
    if (end - at < size) continue;
    if (at % size !== 0) throw new RangeError(`leaves [${begin}, ${end}) are not aligned subtrees`);
    parts.push({ level, index: at / size });
    at += size;
  }
  return parts;
}

/**
 * The Merkle Tree Hash of a range from its parts' roots (left to right), the
 * smallest joined first, as RFC 6962 splits at the largest power of two.
 *
 * @example
 * joinSubtrees([root(2, 2), leafHashes[12]]); // the root of leaves [8, 13)
 */
export function joinSubtrees(roots: readonly Uint8Array[]): Buffer {
  const last = roots.at(-1);
  if (last === undefined) return emptyRoot();
  let root: Buffer = Buffer.from(last);
  for (let i = roots.length - 2; i >= 0; i--) root = nodeHash(roots[i]!, root);
  return root;
}
