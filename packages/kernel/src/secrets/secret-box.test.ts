import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretsMasterKey } from './master-key.ts';
import { createSecretBox } from './secret-box.ts';

const vectors = JSON.parse(readFileSync(new URL('../../testdata/gm/vectors.json', import.meta.url), 'utf8'));

describe('the secret box (SM4-CTR + HMAC-SM3)', () => {
  it("uses the standard SM4: Node's cipher reproduces the GB/T 32907 example", () => {
    for (const v of vectors.sm4) {
      const cipher = createCipheriv('sm4-ecb', Buffer.from(v.key_hex, 'hex'), null);
      cipher.setAutoPadding(false);
      const out = Buffer.concat([cipher.update(Buffer.from(v.plaintext_hex, 'hex')), cipher.final()]);
      expect(out.toString('hex')).toBe(v.ciphertext_hex);
    }
  });

  it('seals and opens, with a fresh IV each time, and hides the plaintext', () => {
    const box = createSecretBox(randomBytes(32));
    const a = box.seal('JBSWY3DPEHPK3PXP', 'official_mfa:1');
    const b = box.seal('JBSWY3DPEHPK3PXP', 'official_mfa:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.isSealed(a)).toBe(true);
    expect(box.open(a, 'official_mfa:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.open(box.seal('', 'c'), 'c')).toBe('');
    expect(box.open(box.seal('密钥', 'c'), 'c')).toBe('密钥');
  });

  it('refuses a value changed in any character, moved to another context, or under another key', () => {
    const key = randomBytes(32);
    const box = createSecretBox(key);
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'official_mfa:1');
    for (let i = 'sm4ctr-hmacsm3.v1.'.length; i < sealed.length; i++) {
      const c = sealed[i] === 'A' ? 'B' : 'A';
      const changed = sealed.slice(0, i) + c + sealed.slice(i + 1);
      if (changed === sealed) continue;
      expect(() => box.open(changed, 'official_mfa:1'), `position ${i}`).toThrow();
    }
    expect(() => box.open(sealed, 'official_mfa:2')).toThrow(/refused/);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'official_mfa:1')).toThrow(/refused/);
    expect(() => box.open('JBSWY3DPEHPK3PXP', 'official_mfa:1')).toThrow(/not a sealed secret/);
    expect(() => createSecretBox(key.subarray(0, 16))).toThrow(/32 bytes/);
  });

  it('takes the master key from EGOV_SECRETS_KEY, else from a key file it makes once (0600)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-secrets-'));
    try {
      const file = join(dir, 'keys', 'secrets.key');
      const made = secretsMasterKey({}, file);
      expect(made).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(secretsMasterKey({}, file).equals(made)).toBe(true);
      const hex = randomBytes(32).toString('hex');
      expect(secretsMasterKey({ EGOV_SECRETS_KEY: hex }, file).toString('hex')).toBe(hex);
      expect(() => secretsMasterKey({ EGOV_SECRETS_KEY: 'abc' }, file)).toThrow(/64 hex digits/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
