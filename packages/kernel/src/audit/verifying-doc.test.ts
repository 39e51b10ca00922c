import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { findRepoRoot } from '../db/config.ts';
import { workedExample } from './worked-example.fixture.ts';

/** docs/verifying.md shows the bytes the code produces; this fails as soon as either changes. */
describe('docs/verifying.md', () => {
  const doc = readFileSync(resolve(findRepoRoot(import.meta.dirname), 'docs/verifying.md'), 'utf8');

  it('shows exactly the worked example the kernel produces', async () => {
    const e = await workedExample();
    const shown = [
      JSON.stringify(e.publicJwk),
      e.seedHex,
      ...e.canonical,
      e.canonicalHex[0]!,
      ...e.leaves,
      ...e.heads.flatMap((h) => [h.rootHash, h.signature, h.issuedAt]),
      e.headMessageHex[1]!,
      e.inclusion2of3[0]!,
      e.consistency2to3[0]!,
      e.archive,
      e.token,
      e.seal.digest,
      e.seal.textHex,
      e.seal.publicKey,
      e.seal.signatureHex,
      e.seal.signatureBase64,
    ];
    for (const value of shown) expect(doc, value.slice(0, 60)).toContain(value);
  });

  it('shows a token that verifies under the example key with the claims the page lists', async () => {
    const e = await workedExample();
    const token = doc.match(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/m)?.[0];
    expect(token).toBe(e.token);
    const jwks = createLocalJWKSet({ keys: [{ ...e.publicJwk, kid: 'platform-key-1' }] });
    const { payload, protectedHeader } = await jwtVerify(token!, jwks, {
      issuer: 'egov-platform',
      audience: 'egov',
      currentDate: new Date(1_795_161_700_000),
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: 'platform-key-1', typ: 'at+jwt' });
    expect(payload.perms).toEqual(['kernel.audit.read']);
  });
});
