import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureSecurity } from '../config.ts';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const DAY = 86_400_000;

describe.each(databaseTargets())('changing passwords on $name', (target) => {
  let platform: PlatformHarness;
  const change = (token: string, currentPassword: string, newPassword: string) =>
    platform.call('auth.changePassword', {
      type: 'mutation',
      token,
      input: { currentPassword, newPassword },
    });
  const age = (username: string, days: number) =>
    platform.db
      .updateTable('official')
      .set({ password_changed_at: new Date(platform.now().getTime() - days * DAY) })
      .where('username', '=', username)
      .execute();

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
  });
  afterAll(() => platform.close());

  it('names the field and the rule of every refusal', async () => {
    const { accessToken } = await platform.login('clerk', 'clerk-demo-password');
    const cases = [
      ['not-the-password', 'a brand new pass phrase', 'currentPassword', 'mismatch'],
      ['clerk-demo-password', 'clerk-demo-password', 'newPassword', 'unchanged'],
      ['clerk-demo-password', 'too short', 'newPassword', 'too_short'],
      ['clerk-demo-password', 'iloveyou12345678', 'newPassword', 'common'],
    ] as const;
    for (const [current, next, path, rule] of cases) {
      const res = await change(accessToken, current, next);
      expect(res.status, rule).toBe(400);
      expect(res.error?.data.issues?.[0]).toMatchObject({ path, rule });
    }
    // A wrong current password counts towards the lockout like a failed login.
    const row = await platform.db
      .selectFrom('official')
      .select('failed_attempts')
      .where('username', '=', 'clerk')
      .executeTakeFirstOrThrow();
    expect(row.failed_attempts).toBe(1);
  });

  it('changes it, keeps this session and ends every other one', async () => {
    const other = await platform.login('clerk', 'clerk-demo-password');
    const mine = await platform.login('clerk', 'clerk-demo-password');
    const res = await change(mine.accessToken, 'clerk-demo-password', 'a brand new pass phrase');
    expect(res.status).toBe(200);
    expect(decodeJwt((res.data as { accessToken: string }).accessToken).sid).toBe(
      decodeJwt(mine.accessToken).sid,
    );
    expect((await platform.call('auth.logout', { type: 'mutation', token: mine.accessToken })).status).toBe(
      200,
    );
    expect((await platform.call('auth.logout', { type: 'mutation', token: other.accessToken })).status).toBe(
      401,
    );
    expect((await platform.login('clerk', 'a brand new pass phrase')).pending).toBeNull();
  });

  it('mlps: a password older than 90 days can only be changed; then the session is a full one', async () => {
    const restore = configureSecurity({ passwordProfile: 'mlps' });
    try {
      await age('registrar', 91);
      const aged = await platform.login('registrar', 'registrar-demo-password');
      expect(aged.pending).toBe('password-change');
      expect(decodeJwt(aged.accessToken).perms).toEqual(['platform.password.change']);
      expect((await platform.call('auth.logout', { type: 'mutation', token: aged.accessToken })).status).toBe(
        403,
      );
      // mlps asks for three character classes: the asvs-style lower-case phrase is refused.
      const plain = await change(aged.accessToken, 'registrar-demo-password', 'only lower case words');
      expect(plain.error?.data.issues?.[0]).toMatchObject({ path: 'newPassword', rule: 'character_classes' });
      const res = await change(aged.accessToken, 'registrar-demo-password', 'Kestrel-7-Harbour');
      expect(res.data).toMatchObject({ pending: null });
      expect(decodeJwt((res.data as { accessToken: string }).accessToken).perms).toContain(
        'golden-shield.resident.read',
      );
    } finally {
      restore();
    }
  });

  it('asvs: no forced rotation, however old the password', async () => {
    await age('verifier', 3650);
    expect((await platform.login('verifier', 'verifier-demo-password')).pending).toBeNull();
  });
});
