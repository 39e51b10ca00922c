import { createHash, generateKeyPairSync, getHashes, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import smCrypto from 'sm-crypto';
import type { Sm2PrivateKey, Sm2PublicKey } from './algorithms.ts';
import { fromHex, toByteArray, toHex } from './encoding.ts';
import { x509 } from './x509.ts';

/** GB/T 32918 default distinguishing identifier; also what OpenSSL and most GM/T tooling assume. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** Order n of the SM2 recommended curve (GM/T 0003.5). */
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

// Functions sm-crypto 0.3 exports at runtime that @types/sm-crypto leaves out.
const sm2 = smCrypto.sm2 as typeof smCrypto.sm2 & {
  getPublicKeyFromPrivateKey(privateKeyHex: string): string;
  verifyPublicKey(publicKeyHex: string): boolean;
};
// sm-crypto seeds its RNG (jsbn SecureRandom) from Math.random() under Node, which is not a CSPRNG:
// a guessable signing nonce k reveals the private key. So we draw d and k from node:crypto ourselves
// and hand k to doSignature through its `pointPool` option, which needs jsbn's own BigInteger class.
const { BigInteger } = createRequire(createRequire(import.meta.url).resolve('sm-crypto'))('jsbn') as {
  BigInteger: new (value: string, radix: number) => unknown;
};

const nodeSm3 = getHashes().includes('sm3');

/**
 * SM3 (GB/T 32905): node:crypto's OpenSSL SM3 when built in (faster), else sm-crypto's.
 * @example toHex(sm3(new TextEncoder().encode('abc'))) // '66c7f0f4…8f4ba8e0'
 */
export function sm3(data: Uint8Array): Uint8Array {
  if (nodeSm3) return new Uint8Array(createHash('sm3').update(data).digest());
  return fromHex(smCrypto.sm3(toByteArray(data))) ?? new Uint8Array();
}

/** A uniform scalar in [1, n-2] from the OS CSPRNG (rejection sampling, so no modulo bias). */
export function randomScalarHex(): string {
  for (;;) {
    const hex = randomBytes(32).toString('hex');
    const value = BigInt(`0x${hex}`);
    if (value >= 1n && value <= N - 2n) return hex;
  }
}

const isPointHex = (hex: string) => /^04[0-9a-f]{128}$/.test(hex) && sm2.verifyPublicKey(hex);

/** Signs with a caller-chosen nonce; exported only so the GM/T known-answer test can fix k. */
export function sm2SignWithNonce(key: Sm2PrivateKey, data: Uint8Array, kHex: string): Uint8Array {
  const nonce = sm2.getPublicKeyFromPrivateKey(kHex);
  const point = { k: new BigInteger(kHex, 16), x1: new BigInteger(nonce.slice(2, 66), 16) };
  const pointPool = [{ ...point, privateKey: kHex, publicKey: nonce }] as never;
  const opts = { hash: true, der: false, publicKey: key.publicKey, userId: SM2_DEFAULT_USER_ID, pointPool };
  // Raw r‖s (64 bytes): fixed length, like WebCrypto's ECDSA; X.509 wraps it in DER separately.
  return fromHex(sm2.doSignature(toByteArray(data), key.d, opts)) ?? new Uint8Array();
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

/** SM2 verification over raw r‖s; false (never a throw) for anything malformed. */
export function sm2VerifyRaw(point: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (signature.length !== 64 || !isPointHex(point)) return false;
    const opts = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };
    return sm2.doVerifySignature(toByteArray(data), toHex(signature), point, opts);
  } catch {
    return false;
  }
}
