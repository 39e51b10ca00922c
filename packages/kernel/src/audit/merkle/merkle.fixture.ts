/** Shared test data: the CT reference tree and a naive, obviously-RFC Merkle Tree Hash to check against. */
import { emptyRoot, leafHash, nodeHash } from './hash.ts';

/** Leaf hashes of the RFC 6962 / Certificate Transparency reference inputs. */
export const reference = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => leafHash(Buffer.from(hex, 'hex')));

/** Hex roots of the reference tree at sizes 1..8 (transparency-dev/merkle tests; also in the vectors). */
export const referenceRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** RFC 6962 §2.1 MTH, transcribed literally (recursive, slicing): the oracle for the fast code. */
export function naiveRoot(leafHashes: readonly Uint8Array[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return emptyRoot();
  if (n === 1) return Buffer.from(leafHashes[0]!);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(naiveRoot(leafHashes.slice(0, k)), naiveRoot(leafHashes.slice(k)));
}

/** `count` distinct leaf hashes. */
export function leavesOf(count: number, salt = ''): Buffer[] {
  return Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`${salt}entry ${i}`)));
}

/** A copy of `bytes` with one bit flipped. */
export function flipBit(bytes: Uint8Array, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(bit / 8) % Math.max(copy.length, 1);
  if (copy.length > 0) copy[at] = copy[at]! ^ (1 << (bit % 8));
  return copy;
}
