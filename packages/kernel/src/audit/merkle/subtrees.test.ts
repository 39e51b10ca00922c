import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leavesOf } from './merkle.fixture.ts';
import { consistencyPath, consistencyProof, inclusionPath, inclusionProof } from './proofs.ts';
import { joinSubtrees, subtreesOf } from './subtrees.ts';
import { CompactRange, rangeRoot } from './tree.ts';

/** The subtree roots a sequencer stores while appending `leaves`, and a RangeRoot answering from them. */
function stored(leaves: Buffer[]) {
  const nodes = new Map<string, Buffer>();
  const range = new CompactRange();
  for (const leaf of leaves) range.append(leaf, (level, index, hash) => nodes.set(`${level}:${index}`, hash));
  let reads = 0;
  const root = (begin: number, end: number) =>
    joinSubtrees(
      subtreesOf(begin, end).map(({ level, index }) => {
        reads += 1;
        const hash = level === 0 ? leaves[index] : nodes.get(`${level}:${index}`);
        if (!hash) throw new Error(`subtree ${level}:${index} was not stored`);
        return hash;
      }),
    );
  return { nodes, root, reads: () => reads };
}

describe('proofs from stored subtree roots', () => {
  it('splits a range into aligned perfect subtrees, largest first', () => {
    expect(subtreesOf(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreesOf(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(subtreesOf(5, 5)).toEqual([]);
    expect(() => subtreesOf(1, 5)).toThrow(/aligned/);
  });

  it('stores each completed perfect subtree once: n - popcount(n) of them for n leaves', () => {
    for (const n of [0, 1, 2, 3, 7, 8, 100, 1024]) {
      const { nodes } = stored(leavesOf(n));
      expect(nodes.size).toBe(n - n.toString(2).replace(/0/g, '').length);
    }
  });

  it('gives the same inclusion and consistency proofs as the leaves do, for every size and index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.nat(), fc.nat(), (n, a, b) => {
        const leaves = leavesOf(n);
        const { root } = stored(leaves);
        const size = 1 + (a % n);
        const index = b % size;
        expect(inclusionPath(index, size, root)).toEqual(inclusionProof(leaves, index, size));
        const old = 1 + (b % size);
        expect(consistencyPath(old, size, root)).toEqual(consistencyProof(leaves, old, size));
        expect(root(0, size)).toEqual(rangeRoot(leaves, 0, size));
      }),
      { numRuns: 300 },
    );
  });

  it('reads O(log² n) subtree roots for a proof, not n leaves', () => {
    const n = 100_000;
    const leaves = leavesOf(n);
    const source = stored(leaves);
    inclusionPath(54_321, n, source.root);
    consistencyPath(77_777, n, source.root);
    expect(source.reads()).toBeLessThan(2 * 17 * 17);
  });
});
