import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sm2 as smV2, sm3 as smV2Sm3 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './encoding.ts';
import {
  sm2PointFromSpki,
  sm2PointToSpki,
  sm2PrivateKeyFromHex,
  sm2SignWithNonce,
  sm2Z,
  sm3,
} from './sm2.ts';
import { sm2Sm3 } from './sm2-algorithm.ts';
import { sm3Before } from './sm2-before.fixture.ts';

// Published GM/T examples, shared with the rest of the project; every entry is exercised below.
const vectors = JSON.parse(
  readFileSync(new URL('../../testdata/gm/vectors.json', import.meta.url), 'utf8'),
) as {
  sm3: { message_ascii: string; message_hex?: string; digest_hex: string }[];
  sm4: { key_hex: string; plaintext_hex: string; ciphertext_hex: string }[];
  sm2_signature: {
    user_id_ascii: string;
    message_ascii: string;
    private_key_hex: string;
    public_key_hex_uncompressed: string;
    k_hex: string;
    r_hex: string;
    s_hex: string;
  }[];
};
const bytes = (hex: string) => fromHex(hex)!;

describe('GB/T 32905 SM3 vectors', () => {
  it.each(vectors.sm3)('$message_ascii', ({ message_ascii, message_hex, digest_hex }) => {
    const message = message_hex ? bytes(message_hex) : new TextEncoder().encode(message_ascii);
    expect(toHex(sm3(message))).toBe(digest_hex);
    // sm-crypto's own SM3 was what SM2 signing used internally (Z and e) before the switch to
    // sm-crypto-v2 (`sm2-before.fixture.ts` keeps it as the reference of the interop test), so check it too; and sm-crypto-v2's,
    // which `sm3` falls back to where node:crypto has no SM3.
    expect(sm3Before(message)).toBe(digest_hex);
    expect(smV2Sm3(message)).toBe(digest_hex);
  });
});

describe('GB/T 32907 SM4 vectors (not used by seals; checked so the shared file is fully covered)', () => {
  it.each(vectors.sm4)('$plaintext_hex', ({ key_hex, plaintext_hex, ciphertext_hex }) => {
    const cipher = createCipheriv('sm4-ecb', bytes(key_hex), null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(bytes(plaintext_hex)), cipher.final()]);
    expect(out.toString('hex')).toBe(ciphertext_hex);
  });
});

describe('GB/T 32918 SM2 signature vector', () => {
  it.each(vectors.sm2_signature)('$message_ascii', async (v) => {
    expect(v.user_id_ascii).toBe('1234567812345678'); // the default id our seals use
    const message = new TextEncoder().encode(v.message_ascii);
    const publicKey = { kind: 'sm2-public', point: v.public_key_hex_uncompressed } as const;
    const signature = bytes(v.r_hex + v.s_hex);

    expect(await sm2Sm3.verify(publicKey, message, signature)).toBe(true);
    const changed = message.slice();
    changed[0]! ^= 0x01;
    expect(await sm2Sm3.verify(publicKey, changed, signature)).toBe(false);
    const badSig = signature.slice();
    badSig[63]! ^= 0x01;
    expect(await sm2Sm3.verify(publicKey, message, badSig)).toBe(false);

    // Z (GB/T 32918.2, 5.5) over the default id, as computed here, equals sm-crypto-v2's.
    expect(toHex(sm2Z(v.public_key_hex_uncompressed))).toBe(
      toHex(smV2.getZ(v.public_key_hex_uncompressed, v.user_id_ascii)),
    );

    // Known answer: with the published k, signing must reproduce r and s exactly.
    const privateKey = sm2PrivateKeyFromHex(v.private_key_hex);
    expect(privateKey.publicKey).toBe(v.public_key_hex_uncompressed);
    expect(toHex(sm2SignWithNonce(privateKey, message, v.k_hex))).toBe(v.r_hex + v.s_hex);

    // The published key survives a SubjectPublicKeyInfo round trip (as in a certificate).
    expect(sm2PointFromSpki(sm2PointToSpki(v.public_key_hex_uncompressed))).toBe(
      v.public_key_hex_uncompressed,
    );
  });
});
