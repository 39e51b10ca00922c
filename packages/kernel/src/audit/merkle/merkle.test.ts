import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyConsistencyOrReason,
  verifyInclusion,
  verifyInclusionOrReason,
} from './index.ts';
import { leavesOf, naiveRoot, reference, referenceRoots } from './merkle.fixture.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('hashing', () => {
  it('uses SHA-256 with RFC 6962 domain separation', () => {
    expect(hex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(leafHash(new Uint8Array()))).toBe(referenceRoots[0]);
    expect(hex(nodeHash(reference[0]!, reference[1]!))).toBe(referenceRoots[1]);
    expect(leafHash(Buffer.from('x')).equals(nodeHash(Buffer.alloc(0), Buffer.from('x')))).toBe(false);
    emptyRoot().fill(0); // a fresh copy each time, so this cannot corrupt the next caller
    const sha = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    for (const [l, r] of [
      [reference[6]!, reference[7]!],
      [Buffer.from('ab'), Buffer.alloc(40, 7)],
    ] as const) {
      expect(nodeHash(l, r)).toEqual(sha(Uint8Array.of(1), l, r)); // the fast path and the general one
    }
    expect(hex(emptyRoot())).toMatch(/^e3b0c442/);
  });
});

describe('tree hashes', () => {
  it('reproduces the reference roots for sizes 0..8, batch and incremental', () => {
    const range = new CompactRange();
    expect(rootFromLeafHashes(reference, 0).equals(emptyRoot())).toBe(true);
    expect(range.root().equals(emptyRoot())).toBe(true);
    for (let size = 1; size <= 8; size++) {
      range.append(reference[size - 1]!);
      expect(hex(rootFromLeafHashes(reference, size))).toBe(referenceRoots[size - 1]);
      expect(hex(range.root())).toBe(referenceRoots[size - 1]);
      expect(range.size).toBe(size);
    }
  });

  it('matches the literal RFC definition around powers of two', () => {
    const leaves = leavesOf(1100);
    for (const size of [0, 1, 2, 3, 127, 128, 129, 511, 512, 513, 1023, 1024, 1025, 1100]) {
      expect(rootFromLeafHashes(leaves, size)).toEqual(naiveRoot(leaves.slice(0, size)));
    }
  });

  it('keeps only one hash per set bit of the size', () => {
    const range = new CompactRange();
    for (const leaf of leavesOf(1000)) range.append(leaf);
    expect(range.save().hashes).toHaveLength(6); // 1000 = 0b1111101000
  });

  it('rejects bad sizes and leaf hashes', () => {
    expect(() => rootFromLeafHashes(reference, 9)).toThrow(RangeError);
    expect(() => rootFromLeafHashes(reference, -1)).toThrow(RangeError);
    expect(() => rootFromLeafHashes(reference, 1.5)).toThrow(RangeError);
    expect(() => rootFromLeafHashes([Buffer.alloc(31)])).toThrow(RangeError);
    expect(() => new CompactRange().append(Buffer.from('not a hash'))).toThrow(RangeError);
  });

  it('restores only well-formed states, and never shares buffers', () => {
    const [a, b, c] = leavesOf(3);
    expect(() => CompactRange.restore({ size: 3, hashes: [a!] })).toThrow(RangeError);
    expect(() => CompactRange.restore({ size: 2, hashes: [Buffer.alloc(8)] })).toThrow(RangeError);
    expect(() => CompactRange.restore({ size: -1, hashes: [] })).toThrow(RangeError);
    const range = new CompactRange();
    range.append(a!);
    range.append(b!);
    range.save().hashes[0]!.fill(0);
    const restored = CompactRange.restore(range.save());
    restored.append(c!);
    expect(restored.root()).toEqual(naiveRoot([a!, b!, c!]));
  });
});

describe('proof generation edge cases', () => {
  it('rejects out-of-range arguments', () => {
    expect(() => inclusionProof(reference, 8, 8)).toThrow(RangeError);
    expect(() => inclusionProof(reference, 0, 9)).toThrow(RangeError);
    expect(() => inclusionProof(reference, 0, 0)).toThrow(RangeError);
    expect(() => consistencyProof(reference, 5, 4)).toThrow(RangeError);
    expect(() => consistencyProof(reference, 1, 9)).toThrow(RangeError);
    expect(() => consistencyProof(reference, 0, 3)).toThrow(/empty tree/);
  });

  it('gives empty proofs where nothing needs proving', () => {
    expect(inclusionProof(reference, 0, 1)).toEqual([]);
    expect(consistencyProof(reference, 0, 0)).toEqual([]);
    expect(consistencyProof(reference, 5, 5)).toEqual([]);
  });
});

describe('verifiers', () => {
  const root8 = rootFromLeafHashes(reference);

  it('treats equal sizes as equal roots, and the empty tree as SHA-256("")', () => {
    expect(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), [])).toBe(true);
    expect(verifyConsistency(0, 0, root8, root8, [])).toBe(false);
    expect(verifyConsistency(8, 8, root8, root8, [])).toBe(true);
    expect(verifyConsistency(8, 8, root8, root8, [root8])).toBe(false);
    expect(verifyConsistencyOrReason(0, 8, emptyRoot(), root8, [])).toMatch(/empty tree/);
  });

  it('explains rejections', () => {
    const proof = inclusionProof(reference, 2, 8);
    expect(verifyInclusionOrReason(reference[2]!, 2, 8, proof, root8)).toBe(true);
    expect(verifyInclusionOrReason(reference[2]!, 2, 8, proof.slice(1), root8)).toMatch(/shorter/);
    expect(verifyInclusionOrReason(reference[2]!, 2, 8, [...proof, root8], root8)).toMatch(/longer/);
    expect(verifyInclusionOrReason(reference[3]!, 2, 8, proof, root8)).toMatch(/does not match/);
    expect(verifyInclusionOrReason(reference[2]!, 2, 2 ** 64 - 1, proof, root8)).toMatch(/safe integers/);
  });

  it('returns false instead of throwing on garbage', () => {
    const junk: unknown[] = [
      undefined,
      null,
      'x',
      1n,
      Number.NaN,
      -1,
      2 ** 53,
      {},
      [1, 2],
      new Uint8Array(32),
    ];
    const many = Array.from({ length: 1000 }, () => Buffer.alloc(32));
    for (const j of junk) {
      const x = j as never;
      expect(verifyInclusion(x, 0, 1, [], root8)).toBe(false);
      expect(verifyInclusion(reference[0]!, x, x, x, x)).toBe(false);
      expect(verifyConsistency(x, 8, root8, root8, [])).toBe(false);
      expect(verifyConsistency(1, 8, x, x, x)).toBe(false);
      expect(verifyConsistency(1, 8, reference[0]!, root8, [x])).toBe(false);
    }
    expect(verifyInclusion(reference[0]!, 0, 8, many, root8)).toBe(false);
    expect(verifyConsistency(1, 8, reference[0]!, root8, many)).toBe(false);
  });
});
