import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** Sealed values start with this, so a plaintext one is never mistaken for a sealed one. */
const PREFIX = 'sm4ctr-hmacsm3.v1.';

/**
 * Encrypts small secrets for storage (TOTP seeds, API credentials) with the
 * national algorithms GB/T 39786 asks for stored important data: SM4 (GB/T
 * 32907) in CTR mode for confidentiality, HMAC-SM3 (GB/T 32905) over the
 * version, the context, the IV and the ciphertext for integrity, with keys
 * derived from one 32-byte master key by HKDF-SM3. `context` binds a sealed
 * value to where it is stored (`official_mfa:<id>`): moved to another row,
 * it no longer opens.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** The plaintext; throws if `sealed` was changed, moved, or sealed under another key. */
  open(sealed: string, context: string): string;
  isSealed(value: string): boolean;
}

const b64 = (b: Buffer) => b.toString('base64url');

/**
 * @example
 * const box = createSecretBox(masterKey); // 32 bytes
 * const stored = box.seal(totpSecret, `official_mfa:${officialId}`);
 * box.open(stored, `official_mfa:${officialId}`) === totpSecret;
 */
export function createSecretBox(masterKey: Uint8Array): SecretBox {
  if (masterKey.length !== 32) throw new Error('the secrets master key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sm3', masterKey, Buffer.alloc(0), info, 16));
  const encKey = derive('egov secret-box sm4');
  const macKey = derive('egov secret-box hmac-sm3');
  const tagOf = (context: string, iv: Buffer, ct: Buffer) =>
    createHmac('sm3', macKey)
      .update(PREFIX)
      .update(Buffer.from(context, 'utf8'))
      .update(Buffer.from([0]))
      .update(iv)
      .update(ct)
      .digest();
  return {
    seal(plaintext, context) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', encKey, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${PREFIX}${b64(iv)}.${b64(ct)}.${b64(tagOf(context, iv, ct))}`;
    },
    open(sealed, context) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed secret');
      const parts = sealed.slice(PREFIX.length).split('.');
      if (parts.length !== 3) throw new Error('sealed secret is malformed');
      const [iv, ct, tag] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      // Only the canonical encoding: base64url's last character can carry unused bits, and a value
      // changed there would otherwise decode to the same bytes and open.
      if ([iv, ct, tag].some((b, i) => b64(b) !== parts[i])) throw new Error('sealed secret is malformed');
      const expected = tagOf(context, iv, ct);
      if (iv.length !== 16 || tag.length !== expected.length || !timingSafeEqual(tag, expected))
        throw new Error('sealed secret refused: changed, moved, or sealed under another key');
      const decipher = createDecipheriv('sm4-ctr', encKey, iv);
      return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
    },
    isSealed: (value) => value.startsWith(PREFIX),
  };
}
