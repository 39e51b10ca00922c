import { createHash, generateKeyPairSync, getHashes, randomBytes } from 'node:crypto';
import { type WeierstrassPoint, weierstrassN } from '@noble/curves/abstract/weierstrass';
import { sm2, sm3 as sm3Js } from 'sm-crypto-v2';
import type { Sm2PrivateKey, Sm2PublicKey } from './algorithms.ts';
import { fromHex, toHex } from './encoding.ts';
import { x509 } from './x509.ts';

/** GB/T 32918 default distinguishing identifier; also what OpenSSL and most GM/T tooling assume. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** The SM2 recommended curve (GM/T 0003.5): y² = x³ + ax + b over F_p, base point G of order n. */
const CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const N = CURVE.n;
const hex64 = (value: bigint) => value.toString(16).padStart(64, '0');
/** a, b and G, as hashed into Z. */
const CURVE_HEX = [CURVE.a, CURVE.b, CURVE.Gx, CURVE.Gy].map(hex64).join('');
/** The curve's points, for verification (see `sm2VerifyRaw`). */
const Point = weierstrassN<bigint>(CURVE);

// The curve arithmetic is @noble/curves' (BigInt): signing through sm-crypto-v2, which is built on it;
// verification on noble's points directly, because sm-crypto-v2 multiplies the public key in constant
// time, which a check of public data does not need (noble's `multiplyAndAddUnsafe` is faster). Hashing
// is node:crypto's OpenSSL SM3: we compute Z and e = SM3(Z ‖ M) ourselves and hand sm-crypto-v2 the
// digest e (`hash: false`), so the Z of a key is computed once, not on every call. Nonces come from
// node:crypto (`randomScalarHex`) and reach sm-crypto-v2 through its `pointPool` option.
// Node's own SM2 (an SM2 key through crypto.sign/verify) was measured faster but cannot be used: Node
// gives no way to set the distinguishing identifier, and OpenSSL 3 then hashes an EMPTY id into Z,
// so its signatures do not verify with the default id (nor do ours with it).

const nodeSm3 = getHashes().includes('sm3');

/**
 * SM3 (GB/T 32905): node:crypto's OpenSSL SM3 when built in (faster), else sm-crypto-v2's.
 * @example toHex(sm3(new TextEncoder().encode('abc'))) // '66c7f0f4…8f4ba8e0'
 */
export function sm3(data: Uint8Array): Uint8Array {
  if (nodeSm3) return new Uint8Array(createHash('sm3').update(data).digest());
  return fromHex(sm3Js(data)) ?? new Uint8Array();
}

/** A uniform scalar in [1, n-2] from the OS CSPRNG (rejection sampling, so no modulo bias). */
export function randomScalarHex(): string {
  for (;;) {
    const hex = randomBytes(32).toString('hex');
    const value = BigInt(`0x${hex}`);
    if (value >= 1n && value <= N - 2n) return hex;
  }
}

/** A small map that forgets the least recently used entry beyond `max`. */
function lru<V>(max: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const value = map.get(key);
      if (value !== undefined) {
        map.delete(key);
        map.set(key, value);
      }
      return value;
    },
    set(key: string, value: V) {
      if (map.size >= max) map.delete(map.keys().next().value!);
      map.set(key, value);
    },
  };
}

/**
 * Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) (GB/T 32918.2, 5.5): ENTL is the bit length of the
 * id on two bytes; `point` is the signer's uncompressed public key `04‖xA‖yA`. Remembered per key
 * for the default id (public data only).
 * @example toHex(sm2Z(publicKeyHex)) // 32 bytes, the same for every message of that key
 */
export function sm2Z(point: string, userId = SM2_DEFAULT_USER_ID): Uint8Array {
  const cached = userId === SM2_DEFAULT_USER_ID ? zByKey.get(point) : undefined;
  if (cached) return cached;
  const id = Buffer.from(userId, 'utf8');
  if (id.length > 0x1fff) throw new RangeError('SM2 user id longer than 8191 bytes');
  const entl = Buffer.of((id.length * 8) >> 8, (id.length * 8) & 0xff);
  const z = sm3(Buffer.concat([entl, id, Buffer.from(CURVE_HEX + point.slice(2), 'hex')]));
  if (userId === SM2_DEFAULT_USER_ID) zByKey.set(point, z);
  return z;
}
const zByKey = lru<Uint8Array>(4096);

/** e = SM3(Z ‖ M), the digest SM2 signs (GB/T 32918.2, 6.1 A1–A2 and 7.1 B3–B4). */
function sm2Digest(point: string, data: Uint8Array): Uint8Array {
  const z = sm2Z(point);
  if (nodeSm3) return new Uint8Array(createHash('sm3').update(z).update(data).digest());
  return sm3(Buffer.concat([z, data]));
}

/**
 * Verifiers see the same few keys again and again (the trusted roots, each agency's seal key). A key
 * seen a second time gets a table of precomputed multiples (window 4: about 500 points, a one-off
 * cost of about two verifications), which makes its scalar multiplication several times faster.
 * Parsing checks the point is on the curve. Public data only; bounded. `null`: seen once, no table.
 */
const pointByKey = lru<WeierstrassPoint<bigint> | null>(64);
/** The public key as a point, or null when it is not one on the curve. */
function publicPoint(point: string): WeierstrassPoint<bigint> | null {
  const entry = pointByKey.get(point);
  if (entry) return entry;
  let parsed: WeierstrassPoint<bigint>;
  try {
    parsed = Point.fromHex(point); // checks the point is on the curve (and not the point at infinity)
  } catch {
    return null;
  }
  if (entry === null) parsed.precompute(4, false);
  pointByKey.set(point, entry === null ? parsed : null);
  return parsed;
}

const isPointHex = (hex: string) => /^04[0-9a-f]{128}$/.test(hex) && publicPoint(hex) !== null;

/** Signs with a caller-chosen nonce k (64 hex, in [1, n-1]); the GM/T known-answer test fixes it. */
export function sm2SignWithNonce(key: Sm2PrivateKey, data: Uint8Array, kHex: string): Uint8Array {
  const e = sm2Digest(key.publicKey, data);
  // (x1, y1) = [k]G; sm-crypto-v2 takes k and x1 from the pool instead of drawing its own. Should
  // r = 0 or r + k = n (probability about 2^-255) it draws another nonce itself, from
  // globalThis.crypto.getRandomValues: node:crypto's CSPRNG too.
  const kG = sm2.getPublicKeyFromPrivateKey(kHex);
  const pointPool = [{ k: BigInt(`0x${kHex}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }];
  // Raw r‖s (64 bytes): fixed length, like WebCrypto's ECDSA; X.509 wraps it in DER separately.
  return fromHex(sm2.doSignature(e, key.d, { hash: false, der: false, pointPool })) ?? new Uint8Array();
}

/** d (64 hex) → key pair; rejects out-of-range scalars instead of reducing them. */
export function sm2PrivateKeyFromHex(d: string): Sm2PrivateKey {
  const hex = d.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex) || BigInt(`0x${hex}`) < 1n || BigInt(`0x${hex}`) > N - 2n) {
    throw new TypeError('SM2 private key must be 64 hex digits in [1, n-2]');
  }
  return { kind: 'sm2-private', d: hex, publicKey: sm2.getPublicKeyFromPrivateKey(hex) };
}

/** Uncompressed point hex → public key, after checking the point is on the SM2 curve. */
export function sm2PublicKeyFromHex(point: string): Sm2PublicKey {
  const hex = point.toLowerCase();
  if (!isPointHex(hex))
    throw new TypeError('SM2 public key must be an uncompressed point (04‖x‖y) on the curve');
  return { kind: 'sm2-public', point: hex };
}

// OpenSSL (via node:crypto) produces the reference SM2 SubjectPublicKeyInfo: id-ecPublicKey with the
// SM2 curve OID 1.2.156.10197.1.301. We reuse its AlgorithmIdentifier so no ASN.1 is written by hand.
let template: x509.PublicKey | undefined;
function spkiTemplate(): x509.PublicKey {
  template ??= new x509.PublicKey(
    generateKeyPairSync('ec', { namedCurve: 'SM2' }).publicKey.export({ format: 'der', type: 'spki' }),
  );
  return template;
}

/** @peculiar/x509 keeps the parsed ASN.1 object `protected`; it is a plain property at runtime. */
interface SpkiAsn {
  algorithm: unknown;
  subjectPublicKey: ArrayBuffer;
}
const asnOf = (key: x509.PublicKey) => (key as unknown as { asn: SpkiAsn }).asn;
const algorithmHex = (key: x509.PublicKey) => {
  const alg = key.algorithm as x509.UnknownAlgorithm;
  return `${alg.name}:${alg.parameters ? toHex(new Uint8Array(alg.parameters)) : ''}`;
};

/** DER SubjectPublicKeyInfo of an SM2 point, encoded by @peculiar/x509's ASN.1 classes. */
export function sm2PointToSpki(point: string): Uint8Array {
  const asn = asnOf(spkiTemplate());
  const Spki = asn.constructor as new (params: SpkiAsn) => SpkiAsn;
  const bytes = new Uint8Array(fromHex(sm2PublicKeyFromHex(point).point) ?? []);
  const spki = new Spki({ algorithm: asn.algorithm, subjectPublicKey: bytes.buffer });
  return new Uint8Array(new x509.PublicKey(spki as never).rawData);
}

/** SPKI DER → SM2 point hex: same AlgorithmIdentifier as OpenSSL's SM2 keys, point on the curve. */
export function sm2PointFromSpki(der: Uint8Array): string {
  const key = new x509.PublicKey(der);
  if (algorithmHex(key) !== algorithmHex(spkiTemplate())) throw new TypeError('not an SM2 public key');
  return sm2PublicKeyFromHex(toHex(new Uint8Array(asnOf(key).subjectPublicKey))).point;
}

/**
 * SM2 verification over raw r‖s (GB/T 32918.2, 7.1): r and s in [1, n-1] (B1, B2), e = SM3(Z ‖ M)
 * (B3, B4), t = (r + s) mod n ≠ 0 (B5), (x1, y1) = [s]G + [t]P (B6), accept iff (e + x1) mod n = r (B7).
 * False (never a throw) for anything malformed.
 */
export function sm2VerifyRaw(point: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (signature.length !== 64 || !/^04[0-9a-f]{128}$/.test(point)) return false;
    const P = publicPoint(point);
    if (!P) return false;
    const sigHex = toHex(signature);
    const r = BigInt(`0x${sigHex.slice(0, 64)}`);
    const s = BigInt(`0x${sigHex.slice(64)}`);
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const e = BigInt(`0x${toHex(sm2Digest(point, data))}`);
    const t = (r + s) % N;
    if (t === 0n) return false;
    const sum = Point.BASE.multiplyAndAddUnsafe(P, s, t); // undefined: the point at infinity
    return sum !== undefined && (e + sum.toAffine().x) % N === r;
  } catch {
    return false;
  }
}
