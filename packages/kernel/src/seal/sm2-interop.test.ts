import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sm2 as smV2 } from 'sm-crypto-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromHex, toHex } from './encoding.ts';
import { type SealedSignature, verifySeal } from './seal.ts';
import {
  randomScalarHex,
  SM2_DEFAULT_USER_ID,
  sm2PrivateKeyFromHex,
  sm2SignWithNonce,
  sm2VerifyRaw,
  sm2Z,
} from './sm2.ts';
import { sm2Sm3 } from './sm2-algorithm.ts';
import { sm2PublicKeyBefore, sm2SignBefore, sm2VerifyBefore } from './sm2-before.fixture.ts';

/**
 * The SM2 implementation moved from sm-crypto 0.3 (jsbn) to sm-crypto-v2 (@noble/curves) with Z and
 * e hashed by node:crypto's SM3. Signatures must cross in both directions: the old implementation is
 * kept in `sm2-before.fixture.ts` as it was in `sm2.ts` (sm-crypto is a dev dependency), and the
 * signatures and seal it made before the switch are committed as fixtures.
 */
const old = { publicKey: sm2PublicKeyBefore, sign: sm2SignBefore, verify: sm2VerifyBefore };

const fixtures = JSON.parse(
  readFileSync(new URL('../../testdata/sm2-interop/sm-crypto-0.3.14.json', import.meta.url), 'utf8'),
) as {
  signatures: {
    private_key_hex: string;
    public_key_hex_uncompressed: string;
    message_hex: string;
    signature_hex: string;
  }[];
  seal: { document_utf8: string; trusted_root: string; seal: SealedSignature };
};

const flip = (bytes: Uint8Array, i: number) => {
  const copy = bytes.slice();
  copy[i]! ^= 0x01;
  return copy;
};

describe('SM2: signatures made by sm-crypto 0.3.14 before the switch (committed fixtures)', () => {
  it.each(fixtures.signatures.map((f) => ({ ...f, bytes: f.message_hex.length / 2 })))(
    'a $bytes-byte message',
    (f) => {
      const message = fromHex(f.message_hex)!;
      const signature = fromHex(f.signature_hex)!;
      expect(sm2PrivateKeyFromHex(f.private_key_hex).publicKey).toBe(f.public_key_hex_uncompressed);
      // Three times: a key seen for the first time, the second (its table is built), then from the table.
      for (let i = 0; i < 3; i++)
        expect(sm2VerifyRaw(f.public_key_hex_uncompressed, message, signature)).toBe(true);
      if (message.length > 0)
        expect(sm2VerifyRaw(f.public_key_hex_uncompressed, flip(message, 0), signature)).toBe(false);
      expect(sm2VerifyRaw(f.public_key_hex_uncompressed, message, flip(signature, 63))).toBe(false);
      expect(sm2VerifyRaw(f.public_key_hex_uncompressed, message, flip(signature, 0))).toBe(false);
    },
  );

  it('a seal and its SM2 root CA certificate made before the switch still verify', async () => {
    const { document_utf8, trusted_root, seal } = fixtures.seal;
    const document = new TextEncoder().encode(document_utf8);
    const now = new Date('2026-12-03T17:00:00.000Z');
    const input = { document, seal, trustedRoots: [trusted_root], revocations: [], now };
    expect(await verifySeal(input)).toMatchObject({ valid: true });
    expect(await verifySeal({ ...input, document: flip(document, 0) })).toMatchObject({ valid: false });
  });
});

describe('SM2: old and new implementations accept each other, live', () => {
  const keys = Array.from({ length: 6 }, () => sm2PrivateKeyFromHex(randomScalarHex()));
  const messages = [0, 1, 32, 100, 4096].map((n) => new Uint8Array(randomBytes(n)));

  it('the old derives the same public key from d', () => {
    for (const key of keys) expect(old.publicKey(key.d)).toBe(key.publicKey);
  });

  it('new signatures verify with the old implementation, and old ones with the new', async () => {
    for (const key of keys) {
      const publicKey = { kind: 'sm2-public', point: key.publicKey } as const;
      for (const message of messages) {
        const made = await sm2Sm3.sign(key, message);
        expect(old.verify(key.publicKey, message, made)).toBe(true);
        expect(old.verify(key.publicKey, message, flip(made, 40))).toBe(false);

        const byOld = old.sign(key, message, randomScalarHex());
        expect(await sm2Sm3.verify(publicKey, message, byOld)).toBe(true);
        expect(await sm2Sm3.verify(publicKey, message, flip(byOld, 40))).toBe(false);
        if (message.length > 0) {
          expect(await sm2Sm3.verify(publicKey, flip(message, 0), byOld)).toBe(false);
          expect(old.verify(key.publicKey, flip(message, 0), made)).toBe(false);
        }
      }
    }
  });

  it('verification agrees with sm-crypto-v2 doVerifySignature, accepting and refusing', async () => {
    for (const key of keys) {
      for (const message of messages) {
        const made = await sm2Sm3.sign(key, message);
        for (const signature of [made, flip(made, 5), flip(made, 40)]) {
          const theirs = smV2.doVerifySignature(message, toHex(signature), key.publicKey, {
            hash: true,
            der: false,
            userId: SM2_DEFAULT_USER_ID,
          });
          expect(sm2VerifyRaw(key.publicKey, message, signature)).toBe(theirs);
          expect(theirs).toBe(signature === made);
        }
      }
    }
  });

  it('with the same nonce both give the same signature', () => {
    for (const key of keys) {
      for (const message of messages) {
        const k = randomScalarHex();
        expect(toHex(sm2SignWithNonce(key, message, k))).toBe(toHex(old.sign(key, message, k)));
      }
    }
  });

  it('Z equals sm-crypto-v2 getZ for any id (the default id is the one signatures use)', () => {
    for (const key of keys.slice(0, 2)) {
      for (const id of [SM2_DEFAULT_USER_ID, 'ALICE123@YAHOO.COM', '']) {
        expect(toHex(sm2Z(key.publicKey, id))).toBe(toHex(smV2.getZ(key.publicKey, id)));
      }
    }
  });
});

describe('SM2 verification checks what GB/T 32918.2 7.1 asks', () => {
  const key = sm2PrivateKeyFromHex(randomScalarHex());
  const message = new TextEncoder().encode('official document');
  const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';

  it('refuses r or s outside [1, n-1] and a point off the curve, without throwing', () => {
    const good = sm2SignWithNonce(key, message, randomScalarHex());
    const r = toHex(good.slice(0, 32));
    const s = toHex(good.slice(32));
    expect(sm2VerifyRaw(key.publicKey, message, good)).toBe(true);
    for (const [rr, ss] of [
      ['00'.repeat(32), s],
      [r, '00'.repeat(32)],
      [n, s],
      [r, n],
      ['ff'.repeat(32), s],
      [r, 'ff'.repeat(32)],
    ])
      expect(sm2VerifyRaw(key.publicKey, message, fromHex(rr! + ss!)!)).toBe(false);
    expect(sm2VerifyRaw(`04${'11'.repeat(64)}`, message, good)).toBe(false);
    expect(sm2VerifyRaw(key.publicKey.toUpperCase(), message, good)).toBe(false);
  });
});

describe('SM2 nonces', () => {
  afterEach(() => vi.restoreAllMocks());

  it('come from node:crypto: signing never calls Math.random, and two signatures of one message differ', async () => {
    const random = vi.spyOn(Math, 'random');
    const a = await sm2Sm3.sign(sm2PrivateKeyFromHex(randomScalarHex()), new Uint8Array(8));
    const keys = await sm2Sm3.generateKeyPair();
    const b = await sm2Sm3.sign(keys.privateKey, new Uint8Array(8));
    const c = await sm2Sm3.sign(keys.privateKey, new Uint8Array(8));
    expect(random).not.toHaveBeenCalled();
    expect(toHex(b)).not.toBe(toHex(c));
    expect(a.length).toBe(64);
  });
});
