/** fast-check properties over trees of up to 300 leaves, checked against the literal RFC definition. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  type CompactRangeState,
  consistencyProof,
  inclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './index.ts';
import { flipBit, leavesOf, naiveRoot } from './merkle.fixture.ts';

const MAX = 300;
const leaves = leavesOf(MAX);
/** roots[s] = MTH of the first s leaves, from the naive recursive oracle. */
const roots = Array.from({ length: MAX + 1 }, (_, s) => naiveRoot(leaves.slice(0, s)));

const sizeAndIndex = fc
  .integer({ min: 1, max: MAX })
  .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
const oldAndNew = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

describe('merkle properties', () => {
  it('the batch root matches the RFC definition for random leaves', () => {
    const leafArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(fc.array(leafArb, { maxLength: MAX }), (hashes) => {
        expect(rootFromLeafHashes(hashes)).toEqual(naiveRoot(hashes));
      }),
      { numRuns: 50 },
    );
  });

  it('the compact range root equals rootFromLeafHashes at every size', () => {
    const range = new CompactRange();
    for (let size = 1; size <= MAX; size++) {
      range.append(leaves[size - 1]!);
      expect(range.root()).toEqual(roots[size]);
      expect(rootFromLeafHashes(leaves, size)).toEqual(roots[size]);
    }
  });

  it('the compact range survives a save/restore (through JSON) at any point', () => {
    fc.assert(
      fc.property(oldAndNew, ([cut, n]) => {
        const before = new CompactRange();
        for (const leaf of leaves.slice(0, cut)) before.append(leaf);
        const json = JSON.stringify({
          ...before.save(),
          hashes: before.save().hashes.map((h) => Buffer.from(h).toString('hex')),
        });
        const parsed = JSON.parse(json) as { size: number; hashes: string[] };
        const state: CompactRangeState = {
          size: parsed.size,
          hashes: parsed.hashes.map((h) => Buffer.from(h, 'hex')),
        };
        const after = CompactRange.restore(state);
        expect(after.root()).toEqual(roots[cut]);
        for (const leaf of leaves.slice(cut, n)) after.append(leaf);
        expect(after.size).toBe(n);
        expect(after.root()).toEqual(roots[n]);
      }),
    );
  });

  it('every inclusion proof verifies, and fails for another leaf, index, root or proof', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(255), ([size, index], bit) => {
        const proof = inclusionProof(leaves, index, size);
        const root = roots[size]!;
        const leaf = leaves[index]!;
        expect(verifyInclusion(leaf, index, size, proof, root)).toBe(true);
        expect(verifyInclusion(flipBit(leaf, bit), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[(index + 1) % MAX]!, index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipBit(root, bit))).toBe(false);
        expect(verifyInclusion(leaf, index + size, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, size, [...proof, root], root)).toBe(false);
        for (let other = 0; other < size; other++) {
          if (other !== index) expect(verifyInclusion(leaf, other, size, proof, root)).toBe(false);
        }
        if (size < MAX) expect(verifyInclusion(leaf, index, size + 1, proof, roots[size + 1]!)).toBe(false);
        if (proof.length > 0) {
          const at = bit % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
          expect(verifyInclusion(leaf, index, size, tampered, root)).toBe(false);
          expect(verifyInclusion(leaf, index, size, proof.slice(1), root)).toBe(false);
        }
      }),
    );
  });

  it('every consistency proof verifies, and fails for altered roots, sizes or proof', () => {
    fc.assert(
      fc.property(oldAndNew, fc.nat(255), ([m, n], bit) => {
        const proof = consistencyProof(leaves, m, n);
        const [oldRoot, newRoot] = [roots[m]!, roots[n]!];
        expect(verifyConsistency(m, n, oldRoot, newRoot, proof)).toBe(true);
        expect(verifyConsistency(m, n, flipBit(oldRoot, bit), newRoot, proof)).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, flipBit(newRoot, bit), proof)).toBe(false);
        expect(verifyConsistency(m, n, roots[m - 1]!, newRoot, proof)).toBe(false);
        expect(verifyConsistency(0, n, roots[0]!, newRoot, proof)).toBe(false);
        if (m < n) {
          expect(verifyConsistency(m + 1, n, roots[m + 1]!, newRoot, proof)).toBe(false);
          expect(verifyConsistency(n, m, newRoot, oldRoot, proof)).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
          expect(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
          const at = bit % proof.length;
          const tampered = proof.map((p, i) => (i === at ? flipBit(p, bit) : p));
          expect(verifyConsistency(m, n, oldRoot, newRoot, tampered)).toBe(false);
        } else {
          expect(proof).toEqual([]);
        }
      }),
    );
  });

  it('verifiers return a boolean and never throw, whatever they are given', () => {
    const size = fc.oneof(
      fc.integer({ min: -2, max: 600 }),
      fc.double(),
      fc.constant(2 ** 64),
      fc.anything(),
    );
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.anything());
    const proof = fc.oneof(fc.array(bytes, { maxLength: 70 }), fc.anything());
    fc.assert(
      fc.property(bytes, size, size, proof, bytes, (a, b, c, d, e) => {
        expect(typeof verifyInclusion(a as never, b as never, c as never, d as never, e as never)).toBe(
          'boolean',
        );
        expect(typeof verifyConsistency(b as never, c as never, a as never, e as never, d as never)).toBe(
          'boolean',
        );
      }),
      { numRuns: 500 },
    );
  });
});
