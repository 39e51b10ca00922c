/**
 * Runs every transparency-dev/merkle inclusion and consistency vector (testdata/merkle, Apache-2.0).
 * Integers beyond 2^53 (one case uses 2^64 − 1) parse to unsafe floats, never to a different safe
 * integer, and the verifiers reject unsafe integers, so plain JSON.parse is sound here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyConsistencyOrReason,
  verifyInclusion,
  verifyInclusionOrReason,
} from './index.ts';
import { reference } from './merkle.fixture.ts';

const root = fileURLToPath(new URL('../../../testdata/merkle/', import.meta.url));

interface Common {
  file: string;
  proof: Buffer[];
  desc: string;
  wantErr: boolean;
}
interface InclusionCase extends Common {
  leafIdx: number;
  treeSize: number;
  root: Buffer;
  leafHash: Buffer;
}
interface ConsistencyCase extends Common {
  size1: number;
  size2: number;
  root1: Buffer;
  root2: Buffer;
}

/** Reads every JSON file under `dir`, decoding base64 strings (and Go's `null` proofs) to Buffers. */
function load<T>(dir: string): T[] {
  const files = readdirSync(root + dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.json'),
  );
  return files.sort().map((file) => {
    const raw = JSON.parse(readFileSync(`${root}${dir}/${file}`, 'utf8')) as Record<string, unknown>;
    const decoded: Record<string, unknown> = { file: `${dir}/${file}` };
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'proof') decoded[key] = ((value ?? []) as string[]).map((p) => Buffer.from(p, 'base64'));
      else if (/^(root|leafHash)/.test(key)) decoded[key] = Buffer.from(value as string, 'base64');
      else decoded[key] = value;
    }
    return decoded as T;
  });
}

const inclusion = load<InclusionCase>('inclusion');
const consistency = load<ConsistencyCase>('consistency');

// Every happy path is cut from the CT reference tree.
const referenceRoot = (size: number) => rootFromLeafHashes(reference, size);

describe('transparency-dev inclusion vectors', () => {
  it('finds every case file', () => expect(inclusion).toHaveLength(98));

  it.each(inclusion.map((c) => [c.file, c] as const))('%s', (_, c) => {
    const run = () => verifyInclusionOrReason(c.leafHash, c.leafIdx, c.treeSize, c.proof, c.root);
    expect(run).not.toThrow();
    if (c.wantErr) expect(run()).toBeTypeOf('string');
    else expect(run()).toBe(true);
    expect(verifyInclusion(c.leafHash, c.leafIdx, c.treeSize, c.proof, c.root)).toBe(!c.wantErr);
  });

  it('generates the same proofs as the happy paths cut from the reference tree', () => {
    const happy = inclusion.filter((c) => !c.wantErr && c.treeSize <= 8);
    const fromReference = happy.filter((c) => referenceRoot(c.treeSize).equals(c.root));
    expect(fromReference.length).toBeGreaterThanOrEqual(5);
    for (const c of fromReference) {
      expect(c.leafHash.equals(reference[c.leafIdx]!)).toBe(true);
      expect(inclusionProof(reference, c.leafIdx, c.treeSize)).toEqual(c.proof);
    }
  });
});

describe('transparency-dev consistency vectors', () => {
  it('finds every case file', () => expect(consistency).toHaveLength(98));

  it.each(consistency.map((c) => [c.file, c] as const))('%s', (_, c) => {
    const run = () => verifyConsistencyOrReason(c.size1, c.size2, c.root1, c.root2, c.proof);
    expect(run).not.toThrow();
    if (c.wantErr) expect(run()).toBeTypeOf('string');
    else expect(run()).toBe(true);
    expect(verifyConsistency(c.size1, c.size2, c.root1, c.root2, c.proof)).toBe(!c.wantErr);
  });

  it('generates the same proofs as the happy paths cut from the reference tree', () => {
    const fromReference = consistency.filter(
      (c) =>
        !c.wantErr &&
        c.size2 <= 8 &&
        referenceRoot(c.size1).equals(c.root1) &&
        referenceRoot(c.size2).equals(c.root2),
    );
    expect(fromReference.length).toBeGreaterThanOrEqual(5);
    for (const c of fromReference) expect(consistencyProof(reference, c.size1, c.size2)).toEqual(c.proof);
  });
});
