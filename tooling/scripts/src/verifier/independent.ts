/**
 * An independent verifier, written from docs/verifying.md alone: it imports nothing from this
 * repository and nothing but node:crypto, so it checks the document as much as the platform. If the
 * two disagree, fix the one that is wrong; do not make this file import the kernel.
 *
 * Covers: tokens (section 2), the canonical form and RFC 6962 leaf of an audit record (3), tree
 * heads (4), inclusion and consistency proofs by RFC 9162 2.1.3.2 and 2.1.4.2 (5), archives (6), and
 * SM2-SM3 seal signatures with the GB/T 32918 distinguishing ID (8).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  kid?: string;
}

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const node = (left: Uint8Array, right: Uint8Array) => sha256(Uint8Array.of(0x01), left, right);

/** Pure Ed25519 (RFC 8032) under a JWK (RFC 8037); false for any malformed input. */
export function ed25519Verifies(jwk: PublicJwk, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

// ---- section 2: tokens ----

/** The claims of a token, or the reason it is refused. */
export function verifyToken(
  jwt: string,
  jwks: { keys: PublicJwk[] },
  audience: string,
  nowSeconds: number,
): Record<string, unknown> | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a compact JWT';
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  if (header.alg !== 'EdDSA') return `alg ${header.alg}`;
  const key = jwks.keys.find((k) => k.kid === header.kid);
  if (!key) return `no key ${header.kid}`;
  if (!ed25519Verifies(key, Buffer.from(`${h}.${p}`, 'ascii'), Buffer.from(s, 'base64url')))
    return 'bad signature';
  if (claims.iss !== 'egov-platform') return `iss ${claims.iss}`;
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(audience) && !aud.includes('egov')) return `aud ${claims.aud}`;
  if (!(claims.exp + 5 > nowSeconds)) return 'expired';
  return claims;
}

// ---- section 3: records and leaves ----

/** An archive `row`, keyed as section 3's table says. */
export type AuditRow = Record<string, unknown>;

export function canonicalRecord(row: AuditRow): Buffer {
  const objects = typeof row.object_ids === 'string' ? JSON.parse(row.object_ids) : row.object_ids;
  const fields = [
    new Date(String(row.at)).toISOString(),
    row.actor,
    row.actor_agency,
    row.subject,
    row.service,
    row.procedure,
    row.kind,
    objects,
    row.outcome,
    row.error_code,
    row.source_address,
    row.trace_id,
    row.request_id,
    // Section 3: the 14th element only when the record has a correlation id.
    ...(row.correlation_id ? [row.correlation_id] : []),
  ];
  return Buffer.from(JSON.stringify(fields), 'utf8');
}

export const recordLeafHash = (row: AuditRow) => sha256(Uint8Array.of(0x00), canonicalRecord(row));

/** RFC 6962 2.1 Merkle Tree Hash. */
export function merkleTreeHash(leaves: Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return Buffer.from(leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return node(merkleTreeHash(leaves.slice(0, k)), merkleTreeHash(leaves.slice(k)));
}

// ---- section 4: tree heads ----

export interface TreeHead {
  service: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  signature: string;
}

export function treeHeadMessage(h: TreeHead): Buffer {
  return Buffer.from(
    `egov-audit-tree-head:v1\n${h.service}\n${h.treeSize}\n${h.rootHash}\n${h.issuedAt}\n`,
    'utf8',
  );
}

export const treeHeadVerifies = (h: TreeHead, jwk: PublicJwk) =>
  ed25519Verifies(jwk, treeHeadMessage(h), Buffer.from(h.signature, 'base64'));

// ---- section 5: proofs, RFC 9162 2.1.3.2 and 2.1.4.2 step by step ----

const lsb = (n: number) => n % 2 === 1;
const shift = (n: number) => Math.floor(n / 2);

export function inclusionVerifies(
  leafHash: Buffer,
  leafIndex: number,
  treeSize: number,
  path: Buffer[],
  root: Buffer,
): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = node(p, r);
      if (!lsb(fn))
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
    } else r = node(r, p);
    fn = shift(fn);
    sn = shift(sn);
  }
  return sn === 0 && r.equals(root);
}

export function consistencyVerifies(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0 || first > second || proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = shift(fn);
    sn = shift(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (!lsb(fn))
        while (!lsb(fn) && fn !== 0) {
          fn = shift(fn);
          sn = shift(sn);
        }
    } else sr = node(sr, c);
    fn = shift(fn);
    sn = shift(sn);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

// ---- section 6: archives ----

export interface ArchiveVerdict {
  ok: boolean;
  leaves: number;
  heads: number;
  problems: string[];
  /** The first leaf whose record is missing or does not hash to it. */
  firstBrokenLeaf: number | null;
}

/** Verifies an archive against a key pinned by the caller (and, optionally, heads the caller kept). */
export function verifyArchiveFile(text: string, pinned: PublicJwk, kept: TreeHead[] = []): ArchiveVerdict {
  const problems: string[] = [];
  const cut = text.lastIndexOf('\n', text.length - 2);
  const body = text.slice(0, cut + 1);
  const digest = JSON.parse(text.slice(cut + 1));
  if (digest.type !== 'digest') problems.push('no digest line');
  if (sha256(Buffer.from(body, 'utf8')).toString('hex') !== digest.sha256)
    problems.push('content does not match the digest');
  const signed = Buffer.from(`egov-audit-archive/v1\n${digest.sha256}\n`, 'utf8');
  if (!ed25519Verifies(pinned, signed, Buffer.from(String(digest.signature), 'base64')))
    problems.push('digest not signed by the pinned key');

  const lines = body.trimEnd().split('\n');
  const header = JSON.parse(lines[0]!);
  if (header.type !== 'header' || header.format !== 'egov-audit-archive/v1') problems.push('no header');
  const records = new Map<number, AuditRow>();
  const leaves: { leafIndex: number; recordSeq: number; leafHash: string }[] = [];
  const heads: TreeHead[] = [...kept];
  for (const text of lines.slice(1)) {
    let line: { type?: string; [k: string]: unknown };
    try {
      line = JSON.parse(text);
    } catch {
      problems.push('a line is not JSON');
      continue;
    }
    if (line.type === 'record') records.set(Number(line.seq), line.row as AuditRow);
    else if (line.type === 'leaf') leaves.push(line as never);
    else if (line.type === 'head') heads.push(line.head as TreeHead);
  }
  leaves.sort((a, b) => a.leafIndex - b.leafIndex);
  let firstBrokenLeaf: number | null = null;
  const hashes: Buffer[] = [];
  for (const [i, leaf] of leaves.entries()) {
    if (leaf.leafIndex !== i) {
      problems.push(`leaf ${i} missing`);
      firstBrokenLeaf ??= i;
      break;
    }
    hashes.push(Buffer.from(leaf.leafHash, 'hex'));
    const row = records.get(leaf.recordSeq);
    if (!row) {
      if (i >= Number(header.prunedBeforeLeaf ?? 0)) {
        problems.push(`record of leaf ${i} missing`);
        firstBrokenLeaf ??= i;
      }
      continue;
    }
    if (recordLeafHash(row).toString('hex') !== leaf.leafHash) {
      problems.push(`record of leaf ${i} does not hash to its leaf`);
      firstBrokenLeaf ??= i;
    }
  }
  for (const head of heads) {
    if (!treeHeadVerifies(head, pinned)) problems.push(`head ${head.treeSize} not signed by the pinned key`);
    if (head.service !== header.service) problems.push(`head ${head.treeSize} of another service`);
    if (head.treeSize > hashes.length) problems.push(`head ${head.treeSize} beyond the log`);
    else if (merkleTreeHash(hashes.slice(0, head.treeSize)).toString('hex') !== head.rootHash)
      problems.push(`root at ${head.treeSize} differs`);
  }
  return { ok: problems.length === 0, leaves: leaves.length, heads: heads.length, problems, firstBrokenLeaf };
}

// ---- section 8: SM2-SM3 seals (GB/T 32918.2, curve of GB/T 32918.5) ----

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const G = {
  x: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  y: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
type Point = { x: bigint; y: bigint } | null;
const mod = (a: bigint, m = P) => ((a % m) + m) % m;
function inverse(a: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a), P, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p.x === q.x && mod(p.y + q.y) === 0n) return null;
  const l =
    p.x === q.x && p.y === q.y
      ? mod((3n * p.x * p.x + A) * inverse(2n * p.y))
      : mod((q.y - p.y) * inverse(q.x - p.x));
  const x = mod(l * l - p.x - q.x);
  return { x, y: mod(l * (p.x - x) - p.y) };
}
function multiply(k: bigint, p: Point): Point {
  let result: Point = null;
  let addend = p;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}
const be32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');
const sm3 = (...parts: Uint8Array[]) => {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** GB/T 32918.2 verification of raw r||s over `message`, with the default distinguishing ID. */
export function sm2Verifies(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || !/^04[0-9a-f]{128}$/.test(publicKeyHex)) return false;
  const key = { x: BigInt(`0x${publicKeyHex.slice(2, 66)}`), y: BigInt(`0x${publicKeyHex.slice(66)}`) };
  if (mod(key.y * key.y - key.x * key.x * key.x - A * key.x - B) !== 0n) return false;
  const id = Buffer.from('1234567812345678', 'ascii');
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  const z = sm3(entl, id, be32(A), be32(B), be32(G.x), be32(G.y), be32(key.x), be32(key.y));
  const e = BigInt(`0x${sm3(z, message).toString('hex')}`);
  const r = BigInt(`0x${Buffer.from(signature.subarray(0, 32)).toString('hex')}`);
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`);
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = add(multiply(s, G), multiply(t, key));
  return point !== null && mod(e + point.x, N) === r;
}

/** The text a seal signs (section 8). */
export const sealText = (algorithm: string, digestHex: string, signedAt: string) =>
  Buffer.from(`egov-seal:v1\n${algorithm}\n${digestHex}\n${signedAt}\n`, 'utf8');
