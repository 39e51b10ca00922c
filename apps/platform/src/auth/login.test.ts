import { createTokenVerifier } from '@egov/kernel/identity';
import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const clerk = demoAccounts.find((a) => a.username === 'clerk')!;
const selfService = ['platform.mfa.enrol', 'platform.password.change', 'platform.session.end'];

describe.each(databaseTargets())('official login on $name', (target) => {
  let platform: PlatformHarness;
  const login = (username: string, password: string) =>
    platform.call('auth.login', { type: 'mutation', input: { username, password } });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
  });
  afterAll(() => platform.close());

  it('issues a 15-minute EdDSA token for every app, with its session id and amr, that verifies against the JWKS', async () => {
    const res = await login('clerk', clerk.password);
    expect(res.status).toBe(200);
    const body = res.data as { accessToken: string; refreshToken: string };
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      pending: null,
      official: { username: 'clerk', agency: 'mps', roles: ['shield-clerk'] },
    });
    expect(decodeProtectedHeader(body.accessToken)).toMatchObject({ alg: 'EdDSA' });
    const payload = decodeJwt(body.accessToken);
    expect(payload).toMatchObject({
      aud: 'egov',
      amr: ['pwd'],
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(body.refreshToken.startsWith(`${payload.sid}.`)).toBe(true);

    const verify = createTokenVerifier({ keys: { jwks: await platform.jwks() }, audience: 'golden-shield' });
    expect(await verify(body.accessToken)).toMatchObject({
      kind: 'official',
      id: expect.stringMatching(/^official:[0-9a-f-]{36}$/),
      username: 'clerk',
      agency: 'mps',
      roles: ['shield-clerk'],
      permissions: ['golden-shield.resident.read', ...selfService],
    });
  });

  it('carries the union of the role permissions plus self-service', async () => {
    const token = ((await login('registrar', 'registrar-demo-password')).data as { accessToken: string })
      .accessToken;
    expect(decodeJwt(token).perms).toEqual([
      'golden-shield.birth.register',
      'golden-shield.death.record',
      'golden-shield.household.move',
      'golden-shield.resident.read',
      'golden-shield.resident.reveal',
      ...selfService,
    ]);
  });

  it('gives a wrong password, an unknown user and a disabled account the very same refusal', async () => {
    await platform.db
      .updateTable('official')
      .set({ disabled: true })
      .where('username', '=', 'verifier')
      .execute();
    const answers = [
      await login('clerk', 'not-the-password'),
      await login('nobody-at-all', 'not-the-password'),
      await login('verifier', 'verifier-demo-password'),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.error).toEqual(answers[0]!.error);
      expect(res.error?.message).toBe('username or password is wrong');
    }
  });

  it('lets the token through where its permissions reach, and no further', async () => {
    const clerkToken = ((await login('clerk', clerk.password)).data as { accessToken: string }).accessToken;
    const denied = await platform.call('officials.list', { token: clerkToken });
    expect(denied.status).toBe(403);
    expect(denied.error?.message).toContain('platform.official.read');
    expect((await platform.call('officials.list')).status).toBe(401);
  });

  it('refuses unknown fields instead of ignoring them', async () => {
    const res = await platform.call('auth.login', {
      type: 'mutation',
      input: { username: 'clerk', password: clerk.password, otp: '123456' },
    });
    expect(res.status).toBe(400);
    expect(res.error?.data.issues?.[0]).toMatchObject({ rule: 'unknown_field' });
  });
});
