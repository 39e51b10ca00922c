import { generateSigningKey, PLATFORM_AUDIENCE, signAccessToken } from '@egov/kernel/identity';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyStoreFor } from '../keys/keystore.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const claims = {
  typ: 'official' as const,
  sub: 'official:tester',
  username: 'tester',
  agency: 'platform',
  roles: [],
  perms: ['platform.role.read'],
};
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(databaseTargets())('bad credentials on $name', (target) => {
  let platform: PlatformHarness;
  beforeAll(async () => {
    platform = await bootPlatform(target);
  });
  afterAll(() => platform.close());

  it('refuses malformed, forged, foreign, expired and unsigned tokens with a clear reason, records each, and keeps serving', async () => {
    const ours = await keyStoreFor(platform.db).activeSigningKey();
    const stranger = await generateSigningKey();
    const cases: [string, string | undefined, RegExp][] = [
      ['garbage', 'Bearer not-a-token', /access token refused: malformed/],
      ['not a bearer', 'Basic dXNlcjpwYXNz', /authorization header must be "Bearer <token>"/],
      ['three dots of nothing', 'Bearer a.b.c', /access token refused: (malformed|invalid)/],
      [
        'unknown key',
        `Bearer ${await signAccessToken(stranger, claims, { audience: PLATFORM_AUDIENCE, ttlSeconds: 60 })}`,
        /access token refused: signed by an unknown (or retired )?key/,
      ],
      [
        'another audience',
        `Bearer ${await signAccessToken(ours, claims, { audience: 'golden-customs', ttlSeconds: 60 })}`,
        /access token refused: claim aud is invalid/,
      ],
      [
        'expired',
        `Bearer ${await signAccessToken(ours, claims, { audience: PLATFORM_AUDIENCE, ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) })}`,
        /access token refused: expired/,
      ],
      [
        'unsigned (alg none)',
        `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: 'egov-platform', aud: 'egov' })}.`,
        /access token refused/,
      ],
    ];
    for (const [name, authorization, reason] of cases) {
      const res = await platform.call('roles.list', { headers: authorization ? { authorization } : {} });
      expect(res.status, name).toBe(401);
      expect(res.error?.message, name).toMatch(reason);
    }
    const refusals = await platform.audit('roles.list');
    expect(refusals).toHaveLength(cases.length);
    expect(
      refusals.every(
        (r) => r.kind === 'authentication' && r.outcome === 'refused' && r.actor === 'anonymous',
      ),
    ).toBe(true);
    expect((await platform.app.hono.request('/healthz')).status).toBe(200);
    const good = await platform.call('roles.list', {
      token: await platform.officialToken(['platform.role.read']),
    });
    expect(good.status).toBe(200);
  });

  it('refuses an official token sent as on-behalf-of by anyone but a service', async () => {
    const official = await platform.officialToken(['platform.role.read']);
    const res = await platform.call('roles.list', {
      token: official,
      headers: { 'x-egov-on-behalf-of': official },
    });
    expect(res.status).toBe(401);
    expect(res.error?.message).toBe('only a service may act on behalf of an official');
  });
});
