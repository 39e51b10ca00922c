import type { webcrypto } from 'node:crypto';
import { bufferSource } from './encoding.ts';
import { sm2Sm3 } from './sm2-algorithm.ts';
import { x509 } from './x509.ts';

/** Crypto-agility: every seal, key and certificate names its algorithm; nothing is implied. */
export type SealAlgorithm = 'Ed25519' | 'ECDSA-P256-SHA256' | 'SM2-SM3';
export const SEAL_ALGORITHMS: readonly SealAlgorithm[] = ['Ed25519', 'ECDSA-P256-SHA256', 'SM2-SM3'];

/** SM2 keys are hex, as sm-crypto and sm-crypto-v2 write them: `d` is 64 hex chars, points are uncompressed `04‖x‖y` (130 hex chars). */
export interface Sm2PrivateKey {
  readonly kind: 'sm2-private';
  readonly d: string;
  /** Kept with the private key because SM2 signing hashes it into Z (GB/T 32918); deriving it costs a scalar multiplication. */
  readonly publicKey: string;
}
export interface Sm2PublicKey {
  readonly kind: 'sm2-public';
  readonly point: string;
}
export type SealPrivateKey = webcrypto.CryptoKey | Sm2PrivateKey;
export type SealPublicKey = webcrypto.CryptoKey | Sm2PublicKey;
export interface SealKeyPair {
  algorithm: SealAlgorithm;
  privateKey: SealPrivateKey;
  publicKey: SealPublicKey;
}

/**
 * One interface for every algorithm. `verify` answers false (never throws) for a wrong key type,
 * a malformed signature or a bad one, so verifiers can feed it untrusted input.
 * Text formats: Ed25519/P-256 private keys are JWK JSON; SM2 private keys are hex `d`;
 * public keys are SPKI PEM for all three (SM2 also imports a raw `04…` hex point).
 */
export interface AlgorithmImpl {
  readonly name: SealAlgorithm;
  /** Digest used for documents: SHA-256, or SM3 for SM2. */
  digest(data: Uint8Array): Promise<Uint8Array>;
  generateKeyPair(): Promise<SealKeyPair>;
  sign(privateKey: SealPrivateKey, data: Uint8Array): Promise<Uint8Array>;
  verify(publicKey: SealPublicKey, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  exportPrivateKey(key: SealPrivateKey): Promise<string>;
  importPrivateKey(text: string): Promise<SealPrivateKey>;
  exportPublicKey(key: SealPublicKey): Promise<string>;
  importPublicKey(text: string): Promise<SealPublicKey>;
  /** DER SubjectPublicKeyInfo, as embedded in certificates. */
  publicKeyToSpki(key: SealPublicKey): Promise<Uint8Array>;
  publicKeyFromSpki(der: Uint8Array): Promise<SealPublicKey>;
}

const subtle = globalThis.crypto.subtle;

function isCryptoKey(key: SealPrivateKey | SealPublicKey): key is webcrypto.CryptoKey {
  return !('kind' in key);
}

function cryptoKey(key: SealPrivateKey | SealPublicKey, keyName: string, type: string): webcrypto.CryptoKey {
  if (!isCryptoKey(key) || key.algorithm.name !== keyName || key.type !== type) {
    throw new TypeError(`expected a ${keyName} ${type} CryptoKey`);
  }
  return key;
}

/** Ed25519 and ECDSA P-256 share everything but their WebCrypto parameters. */
function webCrypto(
  name: SealAlgorithm,
  keyParams: { name: 'Ed25519' } | { name: 'ECDSA'; namedCurve: 'P-256' },
  signParams: { name: 'Ed25519' } | { name: 'ECDSA'; hash: 'SHA-256' },
): AlgorithmImpl {
  const keyName = keyParams.name;
  return {
    name,
    digest: async (data) => new Uint8Array(await subtle.digest('SHA-256', bufferSource(data))),
    async generateKeyPair() {
      // Extractable so the platform can persist the key (encrypted at rest is the app's job).
      const pair = (await subtle.generateKey(keyParams, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      return { algorithm: name, privateKey: pair.privateKey, publicKey: pair.publicKey };
    },
    async sign(privateKey, data) {
      const key = cryptoKey(privateKey, keyName, 'private');
      return new Uint8Array(await subtle.sign(signParams, key, bufferSource(data)));
    },
    async verify(publicKey, data, signature) {
      try {
        const key = cryptoKey(publicKey, keyName, 'public');
        return await subtle.verify(signParams, key, bufferSource(signature), bufferSource(data));
      } catch {
        return false;
      }
    },
    exportPrivateKey: async (key) =>
      JSON.stringify(await subtle.exportKey('jwk', cryptoKey(key, keyName, 'private'))),
    // Imported private keys are not extractable again: once persisted, nothing needs to read them back out.
    importPrivateKey: async (text) => subtle.importKey('jwk', JSON.parse(text), keyParams, false, ['sign']),
    exportPublicKey: async (key) => {
      const der = await subtle.exportKey('spki', cryptoKey(key, keyName, 'public'));
      return new x509.PublicKey(der).toString('pem');
    },
    importPublicKey: async (text) =>
      subtle.importKey('spki', new x509.PublicKey(text).rawData, keyParams, true, ['verify']),
    publicKeyToSpki: async (key) =>
      new Uint8Array(await subtle.exportKey('spki', cryptoKey(key, keyName, 'public'))),
    publicKeyFromSpki: async (der) =>
      subtle.importKey('spki', bufferSource(der), keyParams, true, ['verify']),
  };
}

const registry: Record<SealAlgorithm, AlgorithmImpl> = {
  Ed25519: webCrypto('Ed25519', { name: 'Ed25519' }, { name: 'Ed25519' }),
  'ECDSA-P256-SHA256': webCrypto(
    'ECDSA-P256-SHA256',
    { name: 'ECDSA', namedCurve: 'P-256' },
    { name: 'ECDSA', hash: 'SHA-256' },
  ),
  'SM2-SM3': sm2Sm3,
};

/**
 * Type guard for untrusted algorithm names (e.g. from a seal's JSON).
 * @example isSealAlgorithm('SM2-SM3') // true; isSealAlgorithm('RSA') // false
 */
export function isSealAlgorithm(value: unknown): value is SealAlgorithm {
  return typeof value === 'string' && (SEAL_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * The implementation of one algorithm.
 * @example
 * const alg = getAlgorithm('SM2-SM3');
 * const keys = await alg.generateKeyPair();
 * const sig = await alg.sign(keys.privateKey, new TextEncoder().encode('hi'));
 * await alg.verify(keys.publicKey, new TextEncoder().encode('hi'), sig); // true
 */
export function getAlgorithm(name: SealAlgorithm): AlgorithmImpl {
  const impl = registry[name];
  if (!impl) throw new TypeError(`unknown seal algorithm: ${String(name)}`);
  return impl;
}
