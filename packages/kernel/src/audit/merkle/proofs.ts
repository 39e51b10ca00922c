/**
 * Proof generation (RFC 6962 §2.1.1 PATH and §2.1.2 PROOF/SUBPROOF), done iteratively: we walk from
 * the root down to the target, collecting the sibling subtree roots top-down, then reverse them into
 * the bottom-up order the RFC specifies. Sibling subtrees are disjoint, so the cost is O(n) hashes.
 */
import { isSize, splitPoint } from './bits.ts';
import { rangeRoot } from './tree.ts';

function checkSize(leafHashes: readonly Uint8Array[], size: number, name: string): void {
  if (!isSize(size) || size > leafHashes.length) {
    throw new RangeError(`${name} ${size} is not within 0..${leafHashes.length}`);
  }
}

/**
 * The inclusion proof (audit path) for leaf `index` in the tree of the first `size` leaves,
 * ordered from the leaf's sibling up to the root's child. Throws RangeError unless
 * 0 ≤ index < size ≤ leafHashes.length.
 *
 * @example
 * const proof = inclusionProof(hashes, 3, hashes.length);
 * verifyInclusion(hashes[3]!, 3, hashes.length, proof, rootFromLeafHashes(hashes)); // true
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number, size: number): Buffer[] {
  checkSize(leafHashes, size, 'size');
  return inclusionPath(index, size, (begin, end) => rangeRoot(leafHashes, begin, end));
}

/**
 * The roots of subtrees a proof is made of, for a tree the caller does not
 * hold leaf by leaf: `root(begin, end)` gives the Merkle Tree Hash of the
 * leaves [begin, end). Every range asked for is made of aligned perfect
 * subtrees (see `subtreesOf`), so a store of those answers in O(log n) reads.
 */
export type RangeRoot = (begin: number, end: number) => Uint8Array;

/**
 * `inclusionProof` over a `RangeRoot` instead of all leaf hashes.
 *
 * @example
 * const proof = inclusionPath(3, 8, (b, e) => rangeRoot(hashes, b, e));
 */
export function inclusionPath(index: number, size: number, root: RangeRoot): Buffer[] {
  if (!isSize(size)) throw new RangeError(`size ${size} is not a tree size`);
  if (!isSize(index) || index >= size) throw new RangeError(`index ${index} is not within 0..${size - 1}`);
  const path: Buffer[] = [];
  let begin = 0;
  let end = size;
  while (end - begin > 1) {
    const mid = begin + splitPoint(end - begin);
    if (index < mid) {
      path.push(Buffer.from(root(mid, end)));
      end = mid;
    } else {
      path.push(Buffer.from(root(begin, mid)));
      begin = mid;
    }
  }
  return path.reverse();
}

/**
 * The consistency proof that the tree of the first `oldSize` leaves is a prefix of the tree of the
 * first `newSize` leaves. Empty when the sizes are equal. Throws RangeError unless
 * 0 ≤ oldSize ≤ newSize ≤ leafHashes.length, and for oldSize 0 < newSize: RFC 9162 defines no proof
 * from the empty tree (every tree extends it; verifiers reject such claims).
 *
 * @example
 * const proof = consistencyProof(hashes, 5, 8);
 * verifyConsistency(5, 8, rootFromLeafHashes(hashes, 5), rootFromLeafHashes(hashes, 8), proof); // true
 */
export function consistencyProof(
  leafHashes: readonly Uint8Array[],
  oldSize: number,
  newSize: number,
): Buffer[] {
  checkSize(leafHashes, newSize, 'newSize');
  return consistencyPath(oldSize, newSize, (begin, end) => rangeRoot(leafHashes, begin, end));
}

/**
 * `consistencyProof` over a `RangeRoot` instead of all leaf hashes.
 *
 * @example
 * const proof = consistencyPath(5, 8, (b, e) => rangeRoot(hashes, b, e));
 */
export function consistencyPath(oldSize: number, newSize: number, root: RangeRoot): Buffer[] {
  if (!isSize(newSize)) throw new RangeError(`newSize ${newSize} is not a tree size`);
  if (!isSize(oldSize) || oldSize > newSize) {
    throw new RangeError(`oldSize ${oldSize} is not within 0..${newSize}`);
  }
  if (oldSize === newSize) return [];
  if (oldSize === 0) throw new RangeError('there is no consistency proof from the empty tree');
  const proof: Buffer[] = [];
  let begin = 0;
  let end = newSize;
  // SUBPROOF's flag b: true while the old tree's root is a node the verifier already knows (its own
  // root), false once we descend into a right subtree, whose old root must then be sent explicitly.
  let known = true;
  while (oldSize !== end) {
    const mid = begin + splitPoint(end - begin);
    if (oldSize <= mid) {
      proof.push(Buffer.from(root(mid, end)));
      end = mid;
    } else {
      proof.push(Buffer.from(root(begin, mid)));
      begin = mid;
      known = false;
    }
  }
  if (!known) proof.push(Buffer.from(root(begin, end)));
  return proof.reverse();
}
