import { databaseTargets, silentLogger } from '@egov/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

const accountant = demoAccounts.find((a) => a.username === 'unit-accountant')!;

/** Issue 12 item 9: the platform assigns object-level scopes and issues them in the official's token. */
describe.each(databaseTargets())('object-level scopes at the platform on $name', (target) => {
  let platform: PlatformHarness;
  const login = async () => {
    const r = await platform.call('auth.login', {
      type: 'mutation',
      input: { username: accountant.username, password: accountant.password },
    });
    expect(r.status).toBe(200);
    return decodeJwt((r.data as { accessToken: string }).accessToken);
  };
  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
  });
  afterAll(() => platform.close());

  it("issues the demo unit accountant's seeded scope in its token", async () => {
    expect((await login()).scopes).toEqual({ 'budget-unit': ['201001'] });
  });

  it('lets the security administrator assign and revoke scopes in its agency scope, effective at the next token', async () => {
    const secadmin = await platform.officialToken(['platform.role.assign']);
    const input = { username: accountant.username, kind: 'budget-unit', objectId: '202001' };
    const assigned = await platform.call('officials.assignScope', {
      type: 'mutation',
      token: secadmin,
      input,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.data).toEqual({
      username: accountant.username,
      scopes: { 'budget-unit': ['201001', '202001'] },
    });
    expect((await login()).scopes).toEqual({ 'budget-unit': ['201001', '202001'] });
    const revoked = await platform.call('officials.revokeScope', {
      type: 'mutation',
      token: secadmin,
      input,
    });
    expect(revoked.data).toMatchObject({ scopes: { 'budget-unit': ['201001'] } });
    expect((await login()).scopes).toEqual({ 'budget-unit': ['201001'] });
  });

  it("refuses another agency's administrator as if the official did not exist, and a malformed scope with 400", async () => {
    const other = await platform.officialToken(['platform.role.assign'], 'mps');
    const input = { username: accountant.username, kind: 'budget-unit', objectId: '*' };
    const r = await platform.call('officials.assignScope', { type: 'mutation', token: other, input });
    expect(r.status).toBe(404);
    const secadmin = await platform.officialToken(['platform.role.assign']);
    const bad = await platform.call('officials.assignScope', {
      type: 'mutation',
      token: secadmin,
      input: { ...input, kind: 'Budget Unit' },
    });
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]).toMatchObject({ path: 'kind' });
    expect((await login()).scopes).toEqual({ 'budget-unit': ['201001'] });
  });
});
