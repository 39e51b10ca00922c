import type { webcrypto } from 'node:crypto';
import type { SealAlgorithm, SealPrivateKey, Sm2PrivateKey, Sm2PublicKey } from './algorithms.ts';
import { bufferSource, toHex } from './encoding.ts';
import { sm2PointFromSpki, sm2PointToSpki } from './sm2.ts';
import { sm2Sm3 } from './sm2-algorithm.ts';
import { x509 } from './x509.ts';

/**
 * SM2 for @peculiar/x509. The library does all X.509 work through a WebCrypto `Crypto` object,
 * which it accepts as a parameter, and maps algorithms it does not know by OID: a WebCrypto algorithm
 * named with a dotted OID becomes that AlgorithmIdentifier, and an unknown AlgorithmIdentifier comes
 * back as `{ name: oid }`. So an SM2-signed certificate needs no fork: this `Crypto` routes the
 * SM2-with-SM3 OID to our SM2 (`sm2-algorithm.ts`) and everything else to node's WebCrypto.
 */
type Algorithm = webcrypto.Algorithm;
type BufferSource = webcrypto.BufferSource;

export const SM2_WITH_SM3_OID = '1.2.156.10197.1.501';
const ED25519_OID = '1.3.101.112';

/** Stands in for a CryptoKey inside @peculiar/x509, which only reads `.algorithm` and `.type`. */
interface Sm2KeyHandle {
  readonly algorithm: { name: string };
  readonly type: 'private' | 'public';
  readonly extractable: boolean;
  readonly usages: string[];
  readonly sm2: Sm2PrivateKey | Sm2PublicKey;
}
const isSm2Handle = (key: unknown): key is Sm2KeyHandle =>
  typeof key === 'object' && key !== null && 'sm2' in key && 'algorithm' in key;

// SM2 and P-256 both have 32-byte r and s, so x509's own ECDSA formatter converts between the DER
// SEQUENCE{r, s} that certificates carry and the raw r‖s our SM2 implementation signs and verifies.
const derFormatter = new x509.AsnEcSignatureFormatter();
const rawShape = { name: 'ECDSA', namedCurve: 'P-256' } as Algorithm;
const web = globalThis.crypto;

const subtle = {
  async sign(
    alg: Algorithm,
    key: webcrypto.CryptoKey | Sm2KeyHandle,
    data: BufferSource,
  ): Promise<ArrayBuffer> {
    if (alg.name !== SM2_WITH_SM3_OID) return web.subtle.sign(alg, key as webcrypto.CryptoKey, data);
    if (!isSm2Handle(key) || key.sm2.kind !== 'sm2-private')
      throw new TypeError('SM2 signing needs an SM2 private key');
    const raw = await sm2Sm3.sign(key.sm2, bytes(data));
    const der = derFormatter.toAsnSignature(rawShape, raw);
    if (!der) throw new Error('cannot DER-encode SM2 signature');
    return der;
  },
  async verify(
    alg: Algorithm,
    key: webcrypto.CryptoKey | Sm2KeyHandle,
    sig: BufferSource,
    data: BufferSource,
  ) {
    if (alg.name !== SM2_WITH_SM3_OID) return web.subtle.verify(alg, key as webcrypto.CryptoKey, sig, data);
    if (!isSm2Handle(key) || key.sm2.kind !== 'sm2-public') return false;
    const raw = derFormatter.toWebSignature(rawShape, sig);
    return raw !== null && sm2Sm3.verify(key.sm2, bytes(data), new Uint8Array(raw));
  },
  async importKey(
    format: string,
    keyData: BufferSource,
    alg: Algorithm,
    extractable: boolean,
    usages: string[],
  ) {
    if (alg.name !== SM2_WITH_SM3_OID)
      return web.subtle.importKey(format as 'spki', keyData, alg, extractable, usages as []);
    if (format !== 'spki') throw new TypeError('SM2 keys import from SPKI only');
    const point = sm2PointFromSpki(bytes(keyData));
    return sm2Handle({ kind: 'sm2-public', point });
  },
  async exportKey(format: string, key: webcrypto.CryptoKey | Sm2KeyHandle) {
    if (!isSm2Handle(key)) return web.subtle.exportKey(format as 'spki', key);
    if (format !== 'spki' || key.sm2.kind !== 'sm2-public')
      throw new TypeError('SM2 keys export to SPKI only');
    return bufferSource(sm2PointToSpki(key.sm2.point)).buffer;
  },
  digest: (alg: webcrypto.AlgorithmIdentifier, data: BufferSource) => web.subtle.digest(alg, data),
};

function bytes(data: BufferSource): Uint8Array {
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

function sm2Handle(sm2: Sm2PrivateKey | Sm2PublicKey): Sm2KeyHandle {
  const type = sm2.kind === 'sm2-private' ? 'private' : 'public';
  return {
    algorithm: { name: SM2_WITH_SM3_OID },
    type,
    extractable: false,
    usages: [type === 'private' ? 'sign' : 'verify'],
    sm2,
  };
}

/** The `Crypto` to pass to every @peculiar/x509 call that signs or verifies. */
export const x509Crypto = {
  subtle,
  getRandomValues: <T extends ArrayBufferView | null>(array: T) => web.getRandomValues(array as never) as T,
  randomUUID: () => web.randomUUID(),
} as unknown as webcrypto.Crypto;

/** What @peculiar/x509 should treat as the signing key: the CryptoKey itself, or an SM2 handle. */
export function x509SigningKey(key: SealPrivateKey): webcrypto.CryptoKey {
  return ('kind' in key ? sm2Handle(key) : key) as unknown as webcrypto.CryptoKey;
}

/** Which seal algorithm a certificate's subject key belongs to, or null for anything else. */
export function keyAlgorithmOf(cert: x509.X509Certificate): SealAlgorithm | null {
  const alg = cert.publicKey.algorithm as Algorithm & { namedCurve?: string };
  if (alg.name === 'Ed25519') return 'Ed25519';
  if (alg.name === 'ECDSA' && alg.namedCurve === 'P-256') return 'ECDSA-P256-SHA256';
  try {
    sm2PointFromSpki(new Uint8Array(cert.publicKey.rawData));
    return 'SM2-SM3';
  } catch {
    return null;
  }
}

/** Which seal algorithm signed a certificate (by its signatureAlgorithm), or null. */
export function signatureAlgorithmOf(cert: x509.X509Certificate): SealAlgorithm | null {
  const alg = cert.signatureAlgorithm as Algorithm & { hash?: { name?: string } };
  if (alg.name === 'Ed25519' || alg.name === ED25519_OID) return 'Ed25519';
  if (alg.name === 'ECDSA' && alg.hash?.name === 'SHA-256') return 'ECDSA-P256-SHA256';
  return alg.name === SM2_WITH_SM3_OID ? 'SM2-SM3' : null;
}

/** Hex SHA-256 fingerprint of a certificate's DER, for logs and identity comparisons. */
export async function fingerprint(cert: x509.X509Certificate): Promise<string> {
  return toHex(new Uint8Array(await web.subtle.digest('SHA-256', cert.rawData)));
}
