/**
 * The SM2 implementation the kernel had before issue 13 (sm-crypto 0.3, jsbn), exactly as `sm2.ts`
 * used it: Z over the default id, and the nonce k (from node:crypto) handed to `doSignature` through
 * its `pointPool`. Kept only as the reference of the interop test (`sm2-interop.test.ts`) and of the
 * seal benchmark; sm-crypto is a dev dependency. Not exported from the package.
 */
import { createRequire } from 'node:module';
import smCrypto from 'sm-crypto';
import type { Sm2PrivateKey } from './algorithms.ts';
import { fromHex, toByteArray, toHex } from './encoding.ts';
import { SM2_DEFAULT_USER_ID } from './sm2.ts';

const sm2 = smCrypto.sm2 as typeof smCrypto.sm2 & { getPublicKeyFromPrivateKey(d: string): string };
const { BigInteger } = createRequire(createRequire(import.meta.url).resolve('sm-crypto'))('jsbn') as {
  BigInteger: new (value: string, radix: number) => unknown;
};

/** Public key (04‖x‖y hex) of d, by sm-crypto 0.3. */
export function sm2PublicKeyBefore(d: string): string {
  return sm2.getPublicKeyFromPrivateKey(d);
}

/** Raw r‖s over `data` with nonce k, by sm-crypto 0.3. */
export function sm2SignBefore(key: Sm2PrivateKey, data: Uint8Array, kHex: string): Uint8Array {
  const nonce = sm2.getPublicKeyFromPrivateKey(kHex);
  const point = { k: new BigInteger(kHex, 16), x1: new BigInteger(nonce.slice(2, 66), 16) };
  const pointPool = [{ ...point, privateKey: kHex, publicKey: nonce }] as never;
  const opts = { hash: true, der: false, publicKey: key.publicKey, userId: SM2_DEFAULT_USER_ID, pointPool };
  return fromHex(sm2.doSignature(toByteArray(data), key.d, opts)) ?? new Uint8Array();
}

/** Verification of raw r‖s, by sm-crypto 0.3 (as `sm2VerifyRaw` called it after its own checks). */
export function sm2VerifyBefore(point: string, data: Uint8Array, signature: Uint8Array): boolean {
  const opts = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };
  return sm2.doVerifySignature(toByteArray(data), toHex(signature), point, opts);
}

/** sm-crypto 0.3's own SM3, hex. */
export function sm3Before(data: Uint8Array): string {
  return smCrypto.sm3(toByteArray(data));
}
