import { describe, expect, it } from 'vitest';
import { createIntermediateCa, issueSealCertificate } from './certificates.ts';
import { parseCertificate } from './parse.ts';
import { sealDocument, verifySeal } from './seal.ts';
import { caStart, document, fixture, seal } from './test-fixtures.ts';

describe('chains', () => {
  it('an SM2 seal certificate issued by a P-256 CA verifies, and a wrong algorithm claim fails', async () => {
    const f = await fixture('SM2-SM3', 'ECDSA-P256-SHA256');
    expect(parseCertificate(f.cert)).toMatchObject({
      keyAlgorithm: 'SM2-SM3',
      signatureAlgorithm: 'ECDSA-P256-SHA256',
    });
    const sealed = await seal(f, 'SM2-SM3');
    const verify = (s: unknown) =>
      verifySeal({ document, seal: s, trustedRoots: [f.ca.certificate], revocations: [] });
    expect((await verify(sealed)).valid).toBe(true);
    expect(await verify({ ...sealed, algorithm: 'Ed25519' })).toMatchObject({ valid: false });
  });

  it('refuses seals dated in the future relative to `now`', async () => {
    const f = await fixture('Ed25519');
    const sealed = await seal(f, 'Ed25519', new Date('2030-01-01T00:00:00Z'));
    const now = new Date('2029-12-31T00:00:00Z');
    const result = await verifySeal({
      document,
      seal: sealed,
      trustedRoots: [f.ca.certificate],
      revocations: [],
      now,
    });
    expect(result).toMatchObject({ reason: 'malformed', message: expect.stringMatching(/future/) });
  });

  it("validates root → intermediate → seal chains, including the intermediate's revocation", async () => {
    const { ca: root } = await fixture('Ed25519');
    const issuing = await createIntermediateCa(root, {
      name: 'Agency Seal CA 1',
      algorithm: 'SM2-SM3',
      validityDays: 10 * 365,
      serialNumber: '1001',
      notBefore: caStart,
    });
    const f = await fixture('ECDSA-P256-SHA256');
    const cert = await issueSealCertificate(issuing, {
      subjectName: 'Tax Bureau',
      agencyCode: 'TAX-9',
      publicKey: f.keys.publicKey,
      algorithm: 'ECDSA-P256-SHA256',
      validityDays: 365,
      serialNumber: '2002',
    });
    const sealOf = (chain: string[]) =>
      sealDocument({
        document,
        algorithm: 'ECDSA-P256-SHA256',
        privateKey: f.keys.privateKey,
        certificateChain: chain,
        signedAt: new Date(),
      });
    const verify = async (chain: string[], revocations: { serialNumber: string; revokedAt: Date }[] = []) =>
      verifySeal({ document, seal: await sealOf(chain), trustedRoots: [root.certificate], revocations });

    expect(await verify([cert, issuing.certificate])).toMatchObject({
      valid: true,
      signer: { agencyCode: 'TAX-9' },
    });
    expect(await verify([cert, issuing.certificate, root.certificate])).toMatchObject({ valid: true });
    // Without the intermediate the seal certificate cannot be tied to the root.
    expect(await verify([cert])).toMatchObject({ reason: 'untrusted_chain' });
    expect(
      await verify([cert, issuing.certificate], [{ serialNumber: '1001', revokedAt: caStart }]),
    ).toMatchObject({
      reason: 'revoked',
    });
    // A seal certificate cannot act as a CA for another seal certificate.
    const rogue = await issueSealCertificate(
      { certificate: cert, keys: f.keys },
      {
        subjectName: 'Rogue',
        agencyCode: 'X',
        publicKey: f.keys.publicKey,
        algorithm: 'ECDSA-P256-SHA256',
        validityDays: 30,
        serialNumber: '3003',
      },
    );
    expect(await verify([rogue, cert, issuing.certificate])).toMatchObject({ reason: 'untrusted_chain' });
  });

  it('refuses a seal made with the CA key itself: untrusted_chain', async () => {
    const f = await fixture('Ed25519');
    const bySelf = await sealDocument({
      document,
      algorithm: 'Ed25519',
      privateKey: f.ca.keys.privateKey,
      certificateChain: [f.ca.certificate],
      signedAt: new Date(),
    });
    const result = await verifySeal({
      document,
      seal: bySelf,
      trustedRoots: [f.ca.certificate],
      revocations: [],
    });
    expect(result).toMatchObject({ reason: 'untrusted_chain' });
  });
});
