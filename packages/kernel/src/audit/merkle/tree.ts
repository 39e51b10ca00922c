/**
 * Merkle Tree Hash (RFC 6962 §2.1) computed incrementally. A tree of n leaves splits into perfect
 * subtrees, one per set bit of n, largest first; the root is their right-to-left fold. Keeping only
 * those O(log n) subtree roots (a "compact range") lets a writer append without re-reading leaves,
 * and lets a verifier recompute a root over millions of leaves in O(n) time and O(log n) memory.
 */
import { half, isSize, popCount } from './bits.ts';
import { emptyRoot, HASH_SIZE, isHash, nodeHash } from './hash.ts';

/** What to persist next to a signed tree head to resume appending later. */
export interface CompactRangeState {
  /** Number of leaves covered, [0, size). */
  readonly size: number;
  /** Roots of the perfect subtrees, left (largest) to right: exactly one per set bit of `size`. */
  readonly hashes: readonly Uint8Array[];
}

/**
 * An append-only Merkle tree that remembers only O(log n) hashes.
 *
 * @example
 * const range = new CompactRange();
 * range.append(leafHash(Buffer.from('entry 1')));
 * const saved = range.save(); // store with the tree head
 * const resumed = CompactRange.restore(saved);
 * resumed.append(leafHash(Buffer.from('entry 2')));
 * resumed.root(); // equals rootFromLeafHashes of both leaf hashes
 */
export class CompactRange {
  #size = 0;
  #hashes: Uint8Array[] = [];

  /**
   * Restores a range saved with {@link CompactRange.save}. Throws RangeError on a malformed state,
   * since a silently wrong range would corrupt every later tree head.
   *
   * @example
   * const range = CompactRange.restore({ size: 0, hashes: [] });
   */
  static restore(state: CompactRangeState): CompactRange {
    if (!isSize(state.size)) throw new RangeError(`invalid compact range size: ${state.size}`);
    const want = popCount(state.size);
    if (!Array.isArray(state.hashes) || state.hashes.length !== want) {
      throw new RangeError(`a compact range of size ${state.size} holds exactly ${want} hashes`);
    }
    if (!state.hashes.every(isHash)) throw new RangeError(`compact range hashes must be ${HASH_SIZE} bytes`);
    const range = new CompactRange();
    range.#size = state.size;
    range.#hashes = state.hashes.map((h) => Buffer.from(h));
    return range;
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Adds the next leaf hash (see `leafHash`). Throws RangeError unless it is 32 bytes.
   * `onSubtree` hears of every perfect subtree (level 1 and up) the leaf completes, for a store of
   * subtree roots that serves proofs without reading every leaf.
   *
   * @example
   * range.append(leafHash(Buffer.from('entry')));
   */
  append(leafHash: Uint8Array, onSubtree?: (level: number, index: number, hash: Buffer) => void): void {
    if (!isHash(leafHash)) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes`);
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('compact range is full');
    let node: Uint8Array = leafHash;
    // Each trailing 1-bit of the old size is a perfect subtree of the same height as the new node:
    // merge them, like a binary carry, so only one subtree per set bit remains. Each merge completes
    // a perfect subtree of the whole tree (level l, ending at the new size), told to `onSubtree`.
    let level = 0;
    for (let s = this.#size; s % 2 === 1; s = half(s)) {
      node = nodeHash(this.#hashes.pop()!, node);
      level += 1;
      onSubtree?.(level, (this.#size + 1) / 2 ** level - 1, node as Buffer);
    }
    // Keep our own copy of an unmerged leaf: the caller may reuse its buffer.
    this.#hashes.push(node === leafHash ? Buffer.from(leafHash) : node);
    this.#size += 1;
  }

  /**
   * The Merkle Tree Hash of all leaves so far (SHA-256("") when empty).
   *
   * @example
   * new CompactRange().root().equals(emptyRoot()); // true
   */
  root(): Buffer {
    const last = this.#hashes.at(-1);
    if (last === undefined) return emptyRoot();
    // Splitting at the largest power of two means the right-most (smallest) subtrees join first.
    let root: Buffer = Buffer.from(last);
    for (let i = this.#hashes.length - 2; i >= 0; i--) root = nodeHash(this.#hashes[i]!, root);
    return root;
  }

  /**
   * A copy of the state to persist; restore it with {@link CompactRange.restore}.
   *
   * @example
   * const { size, hashes } = range.save();
   */
  save(): CompactRangeState {
    return { size: this.#size, hashes: this.#hashes.map((h) => Buffer.from(h)) };
  }
}

/**
 * MTH of leaves [begin, end). Internal: proofs need roots of arbitrary subtrees.
 * Throws RangeError on a leaf hash that is not 32 bytes.
 */
export function rangeRoot(leafHashes: readonly Uint8Array[], begin: number, end: number): Buffer {
  const range = new CompactRange();
  for (let i = begin; i < end; i++) range.append(leafHashes[i]!);
  return range.root();
}

/**
 * The Merkle Tree Hash (RFC 6962 §2.1) of the first `size` leaf hashes, in O(n) time and O(log n)
 * extra memory. Throws RangeError if `size` is not an integer in [0, leafHashes.length] or a leaf
 * hash is not 32 bytes.
 *
 * @example
 * const root = rootFromLeafHashes(entries.map((e) => leafHash(e)));
 * const earlierRoot = rootFromLeafHashes(hashes, 5); // the tree head at size 5
 */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[], size = leafHashes.length): Buffer {
  if (!isSize(size) || size > leafHashes.length) {
    throw new RangeError(`size ${size} is not within 0..${leafHashes.length}`);
  }
  return rangeRoot(leafHashes, 0, size);
}
