import { describe, expect, it } from 'vitest';
import { getAlgorithm, isSealAlgorithm, SEAL_ALGORITHMS } from './algorithms.ts';
import { fromBase64, fromHex, normalizeSerial, toBase64, toHex } from './encoding.ts';
import { randomScalarHex } from './sm2.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe.each(SEAL_ALGORITHMS)('%s', (name) => {
  const alg = getAlgorithm(name);

  it('signs and verifies; a changed message or signature fails', async () => {
    const keys = await alg.generateKeyPair();
    expect(keys.algorithm).toBe(name);
    const sig = await alg.sign(keys.privateKey, text('official document'));
    expect(sig.length).toBe(64); // r‖s or Ed25519: the same size for all three
    expect(await alg.verify(keys.publicKey, text('official document'), sig)).toBe(true);
    expect(await alg.verify(keys.publicKey, text('official documenT'), sig)).toBe(false);
    const bad = sig.slice();
    bad[10]! ^= 0x80;
    expect(await alg.verify(keys.publicKey, text('official document'), bad)).toBe(false);
    expect(await alg.verify(keys.publicKey, text('official document'), sig.slice(0, 63))).toBe(false);
  });

  it('round-trips keys through their text formats and SPKI', async () => {
    const keys = await alg.generateKeyPair();
    const privateKey = await alg.importPrivateKey(await alg.exportPrivateKey(keys.privateKey));
    const publicPem = await alg.exportPublicKey(keys.publicKey);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const publicKey = await alg.importPublicKey(publicPem);
    const fromSpki = await alg.publicKeyFromSpki(await alg.publicKeyToSpki(keys.publicKey));
    const sig = await alg.sign(privateKey, text('x'));
    expect(await alg.verify(publicKey, text('x'), sig)).toBe(true);
    expect(await alg.verify(fromSpki, text('x'), sig)).toBe(true);
  });

  it('answers false, never throws, for a key of another algorithm', async () => {
    const other = SEAL_ALGORITHMS.find((a) => a !== name)!;
    const otherKeys = await getAlgorithm(other).generateKeyPair();
    const sig = await alg.sign((await alg.generateKeyPair()).privateKey, text('x'));
    expect(await alg.verify(otherKeys.publicKey, text('x'), sig)).toBe(false);
    await expect(alg.sign(otherKeys.privateKey, text('x'))).rejects.toThrow(TypeError);
  });

  it('digests with SHA-256, or SM3 for SM2', async () => {
    const digest = toHex(await alg.digest(text('abc')));
    expect(digest).toBe(
      name === 'SM2-SM3'
        ? '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'
        : 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('SM2 key checks', () => {
  const sm2 = getAlgorithm('SM2-SM3');
  it('refuses out-of-range private keys and off-curve points', async () => {
    await expect(sm2.importPrivateKey('00'.repeat(32))).rejects.toThrow(/\[1, n-2\]/);
    await expect(sm2.importPrivateKey('ff'.repeat(32))).rejects.toThrow(/\[1, n-2\]/);
    await expect(sm2.importPublicKey(`04${'11'.repeat(64)}`)).rejects.toThrow(/on the curve/);
  });
  it('draws nonces and keys from the CSPRNG (distinct every time)', () => {
    const seen = new Set(Array.from({ length: 50 }, randomScalarHex));
    expect(seen.size).toBe(50);
  });
});

describe('encoding', () => {
  it('decodes strictly', () => {
    expect(fromBase64(toBase64(new Uint8Array([1, 2, 3])))).toEqual(new Uint8Array([1, 2, 3]));
    for (const bad of ['AQ', 'A Q==', 'AR==', '****', 'AQ==\n']) expect(fromBase64(bad)).toBeNull();
    expect(fromHex('0g')).toBeNull();
    expect(fromHex('abc')).toBeNull();
    expect(normalizeSerial('00FF01')).toBe('ff01');
    expect(normalizeSerial('00')).toBe('00');
    expect(isSealAlgorithm('RSA')).toBe(false);
  });
});
