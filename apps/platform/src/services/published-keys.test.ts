import { generateSigningKey } from '@egov/kernel/identity';
import { getAlgorithm } from '@egov/kernel/seal';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSeal } from '../seals/seal.service.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { enrolService } from './service.service.ts';

/*
 * Issue 12, item 12: the audit administrator, who holds kernel.audit.read and nothing else, reads
 * every app's audit key and the agencies' seal certificates, so tree heads, archives and seals can be
 * checked against keys from the platform rather than keys the log or the seal carries.
 */
describe.each(databaseTargets())('keys published to the audit administrator on $name', (target) => {
  let platform: PlatformHarness;
  let auditor: string;
  let customsJwk: Awaited<ReturnType<typeof generateSigningKey>>['publicJwk'];
  let serialNumber: string;
  let certificate: string;

  beforeAll(async () => {
    platform = await bootPlatform(target);
    auditor = await platform.officialToken(['kernel.audit.read']);
    customsJwk = (await generateSigningKey()).publicJwk;
    await enrolService(platform.db, {
      name: 'golden-customs',
      zone: 'internal',
      publicJwk: customsJwk,
      permissions: ['golden-tax.taxpayer.read'],
    });
    await platform.db
      .insertInto('agency')
      .values({ code: 'customs', name: 'General Administration of Customs', zone: 'internal' })
      .execute();
    const sealKey = await getAlgorithm('SM2-SM3').generateKeyPair();
    ({ serialNumber, certificate } = await issueSeal(
      platform.db,
      {
        agencyCode: 'customs',
        subjectName: 'Customs seal',
        algorithm: 'SM2-SM3',
        publicKey: await getAlgorithm('SM2-SM3').exportPublicKey(sealKey.publicKey),
        validityDays: 365,
      },
      platform.now(),
    ));
  });
  afterAll(() => platform.close());

  it("serves each app's audit key, under the key id its tree heads carry, and nothing about its grants", async () => {
    const res = await platform.call('services.publicKeys', { token: auditor });
    expect(res.status).toBe(200);
    const customs = (res.data as { name: string }[]).find((k) => k.name === 'golden-customs');
    expect(customs).toEqual({
      name: 'golden-customs',
      keyId: 'service:golden-customs',
      publicJwk: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: customsJwk.x,
        kid: customsJwk.kid,
        alg: 'EdDSA',
        use: 'sig',
      },
      enrolledAt: expect.any(String),
    });
  });

  it('serves the seal certificates, whose PEM holds each agency seal key', async () => {
    const res = await platform.call('seals.certificates', {
      token: auditor,
      input: { agencyCode: 'customs' },
    });
    expect(res.status).toBe(200);
    expect(res.data).toEqual([
      expect.objectContaining({ serialNumber, agencyCode: 'customs', algorithm: 'SM2-SM3', certificate }),
    ]);
  });

  it('refuses without the auditor permission (403) and without a token (401)', async () => {
    const sysadmin = await platform.officialToken(['platform.service.read', 'platform.seal.issue']);
    expect((await platform.call('services.publicKeys', { token: sysadmin })).status).toBe(403);
    expect((await platform.call('seals.certificates', { token: sysadmin })).status).toBe(403);
    expect((await platform.call('services.publicKeys')).status).toBe(401);
  });
});
