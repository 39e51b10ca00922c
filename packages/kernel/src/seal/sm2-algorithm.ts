import type {
  AlgorithmImpl,
  SealPrivateKey,
  SealPublicKey,
  Sm2PrivateKey,
  Sm2PublicKey,
} from './algorithms.ts';
import {
  randomScalarHex,
  sm2PointFromSpki,
  sm2PointToSpki,
  sm2PrivateKeyFromHex,
  sm2PublicKeyFromHex,
  sm2SignWithNonce,
  sm2VerifyRaw,
  sm3,
} from './sm2.ts';
import { x509 } from './x509.ts';

function sm2Key<K extends 'sm2-private' | 'sm2-public'>(key: SealPrivateKey | SealPublicKey, kind: K) {
  if (!('kind' in key) || key.kind !== kind) throw new TypeError(`expected an ${kind} key`);
  return key as K extends 'sm2-private' ? Sm2PrivateKey : Sm2PublicKey;
}

/** SM2 signatures with SM3 (Z value over the default user id), keys as hex (see `sm2.ts`). */
export const sm2Sm3: AlgorithmImpl = {
  name: 'SM2-SM3',
  digest: async (data) => sm3(data),
  generateKeyPair: async () => {
    const privateKey = sm2PrivateKeyFromHex(randomScalarHex());
    return {
      algorithm: 'SM2-SM3',
      privateKey,
      publicKey: { kind: 'sm2-public', point: privateKey.publicKey },
    };
  },
  sign: async (privateKey, data) =>
    sm2SignWithNonce(sm2Key(privateKey, 'sm2-private'), data, randomScalarHex()),
  verify: async (publicKey, data, signature) =>
    'kind' in publicKey && publicKey.kind === 'sm2-public' && sm2VerifyRaw(publicKey.point, data, signature),
  exportPrivateKey: async (key) => sm2Key(key, 'sm2-private').d,
  importPrivateKey: async (text) => sm2PrivateKeyFromHex(text.trim()),
  exportPublicKey: async (key) =>
    new x509.PublicKey(sm2PointToSpki(sm2Key(key, 'sm2-public').point)).toString('pem'),
  importPublicKey: async (text) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('-----BEGIN'))
      return sm2PublicKeyFromHex(sm2PointFromSpki(new Uint8Array(new x509.PublicKey(trimmed).rawData)));
    return sm2PublicKeyFromHex(trimmed);
  },
  publicKeyToSpki: async (key) => sm2PointToSpki(sm2Key(key, 'sm2-public').point),
  publicKeyFromSpki: async (der) => ({ kind: 'sm2-public', point: sm2PointFromSpki(der) }),
};
