import { getAlgorithm, type SealAlgorithm, sealDocument, verifySeal } from '@egov/kernel/seal';
import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { ensureSealCa } from './seal.service.ts';

interface Anchors {
  roots: { algorithm: SealAlgorithm; certificate: string }[];
  revocations: { serialNumber: string; revokedAt: string }[];
}
interface Issued {
  serialNumber: string;
  certificate: string;
  chain: string[];
}

const document = new TextEncoder().encode('Certificate of residence No. 2026-000123 — 张三');

describe.each(databaseTargets())('seal CA on $name', (target) => {
  let platform: PlatformHarness;
  let secadmin: string;

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    secadmin = (await platform.loginFully('secadmin', 'secadmin-demo-password')).accessToken;
  });
  afterAll(() => platform.close());

  const issue = (input: Record<string, unknown>, token = secadmin) =>
    platform.call('seals.issue', { type: 'mutation', token, input });
  /** Offline verification from nothing but the public trust anchors. */
  const verifyOffline = async (seal: unknown, now = platform.now()) => {
    const res = await platform.call('seals.trustAnchors');
    expect(res.status).toBe(200);
    const anchors = res.data as Anchors;
    return verifySeal({
      document,
      seal,
      trustedRoots: anchors.roots.map((r) => r.certificate),
      revocations: anchors.revocations.map((r) => ({
        serialNumber: r.serialNumber,
        revokedAt: new Date(r.revokedAt),
      })),
      now,
    });
  };

  it('creates one root CA per algorithm, even when many callers race for it', async () => {
    const cas = await Promise.all(Array.from({ length: 4 }, () => ensureSealCa(platform.db)));
    expect(new Set(cas.map((ca) => ca.certificate)).size).toBe(1);
    const rows = await platform.db.selectFrom('seal_ca').select('algorithm').execute();
    expect(rows.map((r) => r.algorithm)).toEqual(['Ed25519']);
  });

  it('certifies an agency key; its seals verify offline; revocation stops seals dated after it only', async () => {
    const keys = await getAlgorithm('Ed25519').generateKeyPair();
    const res = await issue({
      agencyCode: 'mps',
      subjectName: 'Ministry of Public Security',
      algorithm: 'Ed25519',
      publicKey: await getAlgorithm('Ed25519').exportPublicKey(keys.publicKey),
      validityDays: 365,
    });
    expect(res.status).toBe(200);
    const issued = res.data as Issued;
    expect(issued.chain[0]).toBe(issued.certificate);
    expect(await platform.audit('seals.issue')).toEqual([
      expect.objectContaining({
        kind: 'admin',
        outcome: 'ok',
        object_ids: [`seal:${issued.serialNumber}`, 'agency:mps'],
      }),
    ]);

    const sealAt = (signedAt: Date) =>
      sealDocument({
        document,
        algorithm: 'Ed25519',
        privateKey: keys.privateKey,
        certificateChain: issued.chain,
        signedAt,
      });
    platform.advance(60_000);
    const before = await sealAt(platform.now());
    expect(await verifyOffline(before)).toMatchObject({
      valid: true,
      signer: { subject: expect.stringContaining('Ministry of Public Security'), agencyCode: 'mps' },
    });

    const listed = await platform.call('seals.list', { token: secadmin, input: { agencyCode: 'mps' } });
    expect(listed.status).toBe(200);
    expect(listed.data).toEqual([
      expect.objectContaining({ serialNumber: issued.serialNumber, revokedAt: null }),
    ]);

    platform.advance(60_000);
    const revoked = await platform.call('seals.revoke', {
      type: 'mutation',
      token: secadmin,
      input: { serialNumber: issued.serialNumber.toUpperCase(), reason: 'keyCompromise' },
    });
    expect(revoked.status).toBe(200);
    const revokedAt = new Date((revoked.data as { revokedAt: string }).revokedAt);
    expect((await platform.audit('seals.revoke'))[0]).toMatchObject({ kind: 'admin', outcome: 'ok' });

    const after = await sealAt(new Date(revokedAt.getTime() + 1_000));
    expect(await verifyOffline(after, new Date(revokedAt.getTime() + 2_000))).toMatchObject({
      valid: false,
      reason: 'revoked',
    });
    expect(await verifyOffline(before)).toMatchObject({ valid: true });

    const again = await platform.call('seals.revoke', {
      type: 'mutation',
      token: secadmin,
      input: { serialNumber: issued.serialNumber, reason: 'superseded' },
    });
    expect(again.status).toBe(409);
  });

  it('refuses a bad public key with a 400 naming publicKey, and validity beyond five years', async () => {
    const base = { agencyCode: 'mps', subjectName: 'MPS', algorithm: 'Ed25519', validityDays: 30 };
    const p256 = await getAlgorithm('ECDSA-P256-SHA256').generateKeyPair();
    for (const publicKey of [
      'not a key',
      await getAlgorithm('ECDSA-P256-SHA256').exportPublicKey(p256.publicKey),
    ]) {
      const res = await issue({ ...base, publicKey });
      expect(res.status).toBe(400);
      expect(res.error?.message).toContain('publicKey');
    }
    const ed = await getAlgorithm('Ed25519').generateKeyPair();
    const publicKey = await getAlgorithm('Ed25519').exportPublicKey(ed.publicKey);
    expect((await issue({ ...base, publicKey, validityDays: 1826 })).status).toBe(400);
    expect((await issue({ ...base, publicKey, agencyCode: 'nowhere' })).status).toBe(400);
  });

  it('lets neither the system administrator nor an ordinary official issue, revoke or list', async () => {
    const sysadmin = (await platform.loginFully('sysadmin', 'sysadmin-demo-password')).accessToken;
    const clerk = (await platform.login('clerk', 'clerk-demo-password')).accessToken;
    const ed = await getAlgorithm('Ed25519').generateKeyPair();
    const input = {
      agencyCode: 'mps',
      subjectName: 'MPS',
      algorithm: 'Ed25519',
      publicKey: await getAlgorithm('Ed25519').exportPublicKey(ed.publicKey),
      validityDays: 30,
    };
    for (const token of [sysadmin, clerk]) {
      expect((await issue(input, token)).status).toBe(403);
      expect(
        (
          await platform.call('seals.revoke', {
            type: 'mutation',
            token,
            input: { serialNumber: '01', reason: 'unspecified' },
          })
        ).status,
      ).toBe(403);
      expect((await platform.call('seals.list', { token })).status).toBe(403);
    }
  });

  it('runs an SM2-SM3 round trip with a raw 04… public key, under its own root', async () => {
    const sm2 = getAlgorithm('SM2-SM3');
    const keys = await sm2.generateKeyPair();
    const res = await issue({
      agencyCode: 'mps',
      subjectName: '公安部 Ministry of Public Security',
      algorithm: 'SM2-SM3',
      publicKey: (keys.publicKey as { point: string }).point,
      validityDays: 1825,
    });
    expect(res.status).toBe(200);
    const issued = res.data as Issued;
    const seal = await sealDocument({
      document,
      algorithm: 'SM2-SM3',
      privateKey: keys.privateKey,
      certificateChain: issued.chain,
      signedAt: new Date(platform.now().getTime() + 1_000),
    });
    platform.advance(2_000);
    expect(await verifyOffline(seal)).toMatchObject({ valid: true, signer: { agencyCode: 'mps' } });
    // A seal from before the certificate was issued does not verify.
    const early = await sealDocument({
      document,
      algorithm: 'SM2-SM3',
      privateKey: keys.privateKey,
      certificateChain: issued.chain,
      signedAt: new Date(platform.now().getTime() - 3_600_000),
    });
    expect(await verifyOffline(early)).toMatchObject({ valid: false, reason: 'certificate_expired' });
    const anchors = (await platform.call('seals.trustAnchors')).data as Anchors;
    expect(anchors.roots.map((r) => r.algorithm)).toEqual(['Ed25519', 'SM2-SM3']);
  });
});
