import { beforeAll, describe, expect, it } from 'vitest';
import { SEAL_ALGORITHMS } from './algorithms.ts';
import { issueSealCertificate } from './certificates.ts';
import { fromBase64, toBase64 } from './encoding.ts';
import { parseCertificate } from './parse.ts';
import { type SealedSignature, verifySeal } from './seal.ts';
import { caStart, day, document, type Fixture, fixture, seal } from './test-fixtures.ts';

describe.each(SEAL_ALGORITHMS)('%s seals', (algorithm) => {
  let f: Fixture;
  let sealed: SealedSignature;
  const check = (
    s: unknown,
    opts: {
      doc?: Uint8Array;
      roots?: string[];
      revocations?: { serialNumber: string; revokedAt: Date }[];
    } = {},
  ) =>
    verifySeal({
      document: opts.doc ?? document,
      seal: s,
      trustedRoots: opts.roots ?? [f.ca.certificate],
      revocations: opts.revocations ?? [],
    });

  beforeAll(async () => {
    f = await fixture(algorithm);
    sealed = await seal(f, algorithm);
  });

  it('issues a seal certificate carrying the agency code and seal key usage', () => {
    const parsed = parseCertificate(f.cert);
    expect(parsed).toMatchObject({
      agencyCode: '11110000000021135M',
      keyAlgorithm: algorithm,
      canSeal: true,
      isCa: false,
    });
    expect(parsed.signatureAlgorithm).toBe(algorithm);
    expect(parseCertificate(f.ca.certificate)).toMatchObject({ isCa: true, canSeal: false });
  });

  it('verifies a fresh seal and names the signer', async () => {
    expect(sealed).toMatchObject({ algorithm, certificateChain: [f.cert] });
    expect(sealed.digest).toMatch(/^[0-9a-f]{64}$/);
    const result = await check(sealed);
    expect(result).toEqual({
      valid: true,
      signer: expect.objectContaining({ serialNumber: '7f01', agencyCode: '11110000000021135M' }),
    });
    // A chain that also carries the root verifies the same way.
    expect((await check({ ...sealed, certificateChain: [f.cert, f.ca.certificate] })).valid).toBe(true);
  });

  it('refuses a one-byte change to the document: digest_mismatch', async () => {
    const changed = document.slice();
    changed[5]! ^= 0x01;
    expect(await check(sealed, { doc: changed })).toMatchObject({ valid: false, reason: 'digest_mismatch' });
  });

  it('refuses a tampered signature, digest or time: bad_signature', async () => {
    const sig = fromBase64(sealed.signature)!;
    sig[40]! ^= 0x04;
    expect(await check({ ...sealed, signature: toBase64(sig) })).toMatchObject({ reason: 'bad_signature' });
    // Re-pointing the seal at another document, or another time, breaks the signature too.
    const other = new TextEncoder().encode('another document');
    const otherDigest = (await seal(f, algorithm, new Date(), other)).digest;
    expect(await check({ ...sealed, digest: otherDigest }, { doc: other })).toMatchObject({
      reason: 'bad_signature',
    });
    const earlier = new Date(Date.parse(sealed.signedAt) - 1000).toISOString();
    expect(await check({ ...sealed, signedAt: earlier })).toMatchObject({ reason: 'bad_signature' });
  });

  it('refuses a certificate from a forged CA with the same names: untrusted_chain', async () => {
    const forged = await fixture(algorithm, algorithm, 'Platform Seal CA');
    expect(parseCertificate(forged.cert).subject).toBe(parseCertificate(f.cert).subject);
    const result = await check(await seal(forged, algorithm));
    expect(result).toMatchObject({ valid: false, reason: 'untrusted_chain' });
    // Even carrying the forged root in the chain does not help: trust comes from trustedRoots only.
    const withRoot = {
      ...(await seal(forged, algorithm)),
      certificateChain: [forged.cert, forged.ca.certificate],
    };
    expect(await check(withRoot)).toMatchObject({ reason: 'untrusted_chain' });
  });

  it('applies revocation by signing time', async () => {
    const signedAt = new Date(sealed.signedAt);
    const at = (ms: number) => [{ serialNumber: '7F01', revokedAt: new Date(signedAt.getTime() + ms) }];
    expect(await check(sealed, { revocations: at(-1000) })).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    expect(await check(sealed, { revocations: at(0) })).toMatchObject({ valid: false, reason: 'revoked' });
    expect((await check(sealed, { revocations: at(1000) })).valid).toBe(true);
    expect((await check(sealed, { revocations: [{ serialNumber: '7f02', revokedAt: caStart }] })).valid).toBe(
      true,
    );
  });

  it('refuses a seal made outside the certificate validity: certificate_expired', async () => {
    // A one-year certificate from 2020: sealing in 2022 (the past, so not "in the future") is after expiry.
    const shortLived = await issueSealCertificate(f.ca, {
      subjectName: 'Short-lived bureau',
      agencyCode: 'SL-1',
      publicKey: f.keys.publicKey,
      algorithm,
      validityDays: 365,
      serialNumber: '7f03',
      notBefore: caStart,
    });
    const short = { ...f, cert: shortLived };
    const expired = await check(await seal(short, algorithm, new Date(caStart.getTime() + 2 * 365 * day)));
    expect(expired).toMatchObject({
      reason: 'certificate_expired',
      message: expect.stringMatching(/expired/),
    });
    const early = await check(await seal(short, algorithm, new Date(caStart.getTime() - day)));
    expect(early).toMatchObject({
      reason: 'certificate_expired',
      message: expect.stringMatching(/not yet valid/),
    });
    expect((await check(await seal(short, algorithm, new Date(caStart.getTime() + 100 * day)))).valid).toBe(
      true,
    );
  });
});
