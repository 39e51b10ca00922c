import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const clerk = demoAccounts.find((a) => a.username === 'clerk')!;

/** Issue 12 item 4: a NUL in auth.login answered 500, before login. */
describe.each(databaseTargets())('the kernel text policy before login on $name', (target) => {
  let platform: PlatformHarness;
  const login = (username: string, password: string) =>
    platform.call('auth.login', { type: 'mutation', input: { username, password } });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
  });
  afterAll(() => platform.close());

  it('answers a NUL in the username or password with 400 naming the field, and counts no failure', async () => {
    for (let i = 0; i < 8; i++) {
      const byName = await login(`clerk\u0000${i}`, clerk.password);
      expect(byName.status).toBe(400);
      expect(byName.error?.data.issues).toEqual([expect.objectContaining({ path: 'username', rule: 'nul' })]);
      const byPassword = await login('clerk', `${clerk.password}\u0000`);
      expect(byPassword.status).toBe(400);
      expect(byPassword.error?.data.issues).toEqual([
        expect.objectContaining({ path: 'password', rule: 'nul' }),
      ]);
    }
    // Sixteen refusals and no lockout: the policy refused them before any password was checked.
    expect((await login('clerk', clerk.password)).status).toBe(200);
  });

  it('refuses a bidi override in a username', async () => {
    const r = await login('clerk\u202E', clerk.password);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'username', rule: 'bidi_control' });
  });
});
