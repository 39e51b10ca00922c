import { createTokenVerifier, generateSigningKey } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { type CryptoKey, exportJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import { signServiceAssertion } from '@egov/kernel/identity';
import { enrolService } from './service.service.ts';

describe.each(databaseTargets())('service identities on $name', (target) => {
  let platform: PlatformHarness;
  let taxKey: CryptoKey;
  const exchange = (assertion: string, audience = 'golden-shield') =>
    platform.call('auth.serviceToken', { type: 'mutation', input: { assertion, audience } });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    const key = await generateSigningKey();
    taxKey = key.privateKey;
    const enrolled = await platform.call('services.enrol', {
      type: 'mutation',
      token: await platform.officialToken(['platform.service.manage']),
      input: {
        name: 'golden-tax',
        zone: 'internal',
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: key.publicJwk.x, alg: 'EdDSA', use: 'sig' },
        permissions: ['golden-shield.identity.verify'],
      },
    });
    expect(enrolled.status).toBe(200);
  });
  afterAll(() => platform.close());

  it('exchanges a signed assertion for a five-minute token addressed to the requested app', async () => {
    const res = await exchange(await signServiceAssertion(taxKey, 'golden-tax'));
    expect(res.status).toBe(200);
    const { accessToken, expiresIn } = res.data as { accessToken: string; expiresIn: number };
    expect(expiresIn).toBe(300);
    const shield = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'golden-shield' });
    expect(await shield(accessToken)).toEqual({
      kind: 'service',
      id: 'service:golden-tax',
      app: 'golden-tax',
      zone: 'internal',
      permissions: ['golden-shield.identity.verify'],
    });
    const customs = createTokenVerifier({
      keys: { jwks: await platform.jwks() },
      audience: 'golden-customs',
    });
    await expect(customs(accessToken)).rejects.toThrow('claim aud is invalid');
  });

  it('refuses an assertion presented twice', async () => {
    const assertion = await signServiceAssertion(taxKey, 'golden-tax');
    expect((await exchange(assertion)).status).toBe(200);
    const replay = await exchange(assertion, 'golden-finance');
    expect(replay.status).toBe(401);
    expect(replay.error?.message).toBe('assertion replayed');
  });

  it('forgets used assertion ids once they could no longer verify anyway', async () => {
    await platform.db
      .insertInto('service_assertion_jti')
      .values({ jti: 'long-gone', expires_at: new Date(Date.now() - 60_000) })
      .execute();
    expect((await exchange(await signServiceAssertion(taxKey, 'golden-tax'))).status).toBe(200);
    const left = await platform.db.selectFrom('service_assertion_jti').select('jti').execute();
    expect(left.map((r) => r.jti)).not.toContain('long-gone');
  });

  it('refuses assertions signed by another key, for unenrolled services, expired or too long-lived', async () => {
    const stranger = (await generateSigningKey()).privateKey;
    const longLived = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer('golden-tax')
      .setSubject('golden-tax')
      .setAudience('egov-platform')
      .setIssuedAt()
      .setExpirationTime('1h')
      .setJti('long-lived')
      .sign(taxKey);
    const cases: [string, string][] = [
      [await signServiceAssertion(stranger, 'golden-tax'), 'signature does not verify'],
      [await signServiceAssertion(stranger, 'golden-water'), 'no service named golden-water is enrolled'],
      [await signServiceAssertion(taxKey, 'golden-tax', new Date(Date.now() - 600_000)), 'expired'],
      [longLived, 'exp is more than 300 seconds ahead'],
      ['not-a-jwt', 'malformed'],
    ];
    for (const [assertion, reason] of cases) {
      const res = await exchange(assertion);
      expect(res.status, reason).toBe(401);
      expect(res.error?.message).toBe(`service assertion refused: ${reason}`);
    }
  });

  it('never accepts a private key at enrolment', async () => {
    const key = await generateSigningKey();
    const res = await platform.call('services.enrol', {
      type: 'mutation',
      token: await platform.officialToken(['platform.service.*']),
      input: {
        name: 'golden-water',
        zone: 'internal',
        publicJwk: await exportJWK(key.privateKey),
        permissions: [],
      },
    });
    expect(res.status).toBe(400);
    expect(res.error?.data.issues?.[0]).toMatchObject({ path: 'publicJwk', rule: 'unknown_field' });
    // The launcher's direct path refuses it too, before anything is written.
    const direct = enrolService(platform.db, {
      name: 'golden-water',
      zone: 'internal',
      publicJwk: { ...key.publicJwk, d: 'secret' },
      permissions: [],
    });
    await expect(direct).rejects.toThrow('publicJwk carries a private key');
    expect(await platform.db.selectFrom('service_account').select('name').execute()).toEqual([
      { name: 'golden-tax' },
    ]);
  });

  it('re-enrols idempotently: an unchanged enrolment writes nothing, a new key replaces the old', async () => {
    const [before] = (
      await platform.call('services.list', {
        token: await platform.officialToken(['platform.service.read']),
      })
    ).data as { enrolledAt: string; publicJwk: { x: string } }[];
    const same = await enrolService(platform.db, {
      name: 'golden-tax',
      zone: 'internal',
      publicJwk: { kty: 'OKP', crv: 'Ed25519', x: before!.publicJwk.x, alg: 'EdDSA', use: 'sig' },
      permissions: ['golden-shield.identity.verify'],
    });
    expect(same.enrolledAt).toBe(before!.enrolledAt);

    const rotated = await generateSigningKey();
    await enrolService(platform.db, {
      name: 'golden-tax',
      zone: 'internal',
      publicJwk: rotated.publicJwk,
      permissions: ['golden-shield.identity.verify'],
    });
    expect((await exchange(await signServiceAssertion(rotated.privateKey, 'golden-tax'))).status).toBe(200);
    expect((await exchange(await signServiceAssertion(taxKey, 'golden-tax'))).status).toBe(401);
  });
  it('revokes: no token for it, earlier tokens void, its registry entry gone, a new enrolment lifts it', async () => {
    const key = await generateSigningKey();
    await enrolService(platform.db, {
      name: 'golden-water',
      zone: 'internal',
      publicJwk: key.publicJwk,
      permissions: ['platform.registry.register'],
    });
    const assertion = () => signServiceAssertion(key.privateKey, 'golden-water');
    const before = (await exchange(await assertion(), 'platform')).data as { accessToken: string };
    const registered = await platform.call('registry.register', {
      type: 'mutation',
      token: before.accessToken,
      input: { name: 'golden-water', zone: 'internal', baseUrl: 'http://127.0.0.1:4199', version: '1.0.0' },
    });
    expect(registered.status).toBe(200);

    const admin = await platform.officialToken(['platform.service.manage']);
    const revoked = await platform.call('services.revoke', {
      type: 'mutation',
      token: admin,
      input: { name: 'golden-water' },
    });
    expect(revoked.status).toBe(200);
    expect((revoked.data as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await platform.audit('services.revoke')).at(-1)).toMatchObject({
      kind: 'admin',
      outcome: 'ok',
      object_ids: ['service:golden-water'],
    });

    const refused = await exchange(await assertion());
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toMatch(
      /^service assertion refused: the service golden-water was revoked at /,
    );
    // A token issued before: refused at the platform now, and published for every other app.
    const late = await platform.call('registry.register', {
      type: 'mutation',
      token: before.accessToken,
      input: { name: 'golden-water', zone: 'internal', baseUrl: 'http://127.0.0.1:4199', version: '1.0.0' },
    });
    expect(late.status).toBe(401);
    const list = (await (await platform.app.hono.request('/.well-known/revocations')).json()) as {
      subjects: { sub: string }[];
    };
    expect(list.subjects.map((s) => s.sub)).toContain('service:golden-water');
    expect(
      await platform.db
        .selectFrom('registration')
        .select('name')
        .where('name', '=', 'golden-water')
        .execute(),
    ).toEqual([]);

    const unknown = await platform.call('services.revoke', {
      type: 'mutation',
      token: admin,
      input: { name: 'golden-nothing' },
    });
    expect(unknown.status).toBe(404);

    await enrolService(platform.db, {
      name: 'golden-water',
      zone: 'internal',
      publicJwk: key.publicJwk,
      permissions: ['platform.registry.register'],
    });
    expect((await exchange(await assertion())).status).toBe(200);
    const after = (await (await platform.app.hono.request('/.well-known/revocations')).json()) as {
      subjects: { sub: string }[];
    };
    expect(after.subjects.map((s) => s.sub)).not.toContain('service:golden-water');
  });
});
