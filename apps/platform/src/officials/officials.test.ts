import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

describe.each(databaseTargets())('agencies, roles and officials on $name', (target) => {
  let platform: PlatformHarness;
  let admin: string;
  const mutate = (path: string, input: unknown, token = admin) =>
    platform.call(path, { type: 'mutation', input, token });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    admin = await platform.officialToken(['platform.*']);
  });
  afterAll(() => platform.close());

  it('creates an agency once, then calls a second create a conflict', async () => {
    const agency = { code: 'mps', name: 'Ministry of Public Security', zone: 'internal' };
    expect((await mutate('agencies.create', agency)).data).toEqual(agency);
    const again = await mutate('agencies.create', agency);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'code', rule: 'taken' });
    expect((await platform.call('agencies.list', { token: admin })).data).toEqual([agency]);
  });

  it('defines roles with well-formed grants, wildcards included, and redefines them in place', async () => {
    const role = { name: 'shield-clerk', description: 'reads', permissions: ['golden-shield.resident.read'] };
    expect((await mutate('roles.define', role)).data).toEqual(role);
    const wider = { ...role, permissions: ['golden-shield.resident.*', 'golden-shield.*'] };
    expect((await mutate('roles.define', wider)).data).toMatchObject({
      permissions: ['golden-shield.*', 'golden-shield.resident.*'],
    });
    expect((await platform.call('roles.list', { token: admin })).data).toHaveLength(1);
  });

  it('refuses a malformed permission naming which grant is wrong', async () => {
    const res = await mutate('roles.define', {
      name: 'bad',
      description: 'x',
      permissions: ['golden-shield.resident.read', 'Golden Shield read', 'golden-shield.*.read'],
    });
    expect(res.status).toBe(400);
    expect(res.error?.data.issues?.map((i) => i.path)).toEqual(['permissions.1', 'permissions.2']);
  });

  it('creates an official with roles and never returns the password hash', async () => {
    const res = await mutate('officials.create', {
      username: 'li.wei',
      displayName: 'Li Wei',
      agency: 'mps',
      password: 'a long enough password',
      roles: ['shield-clerk'],
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      username: 'li.wei',
      agency: 'mps',
      roles: ['shield-clerk'],
      disabled: false,
    });
    expect(JSON.stringify(res.data)).not.toMatch(/hash|argon2|password/i);
    const stored = await platform.db.selectFrom('official').select('password_hash').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('assigns a role once, however often asked', async () => {
    await mutate('roles.define', {
      name: 'identity-verifier',
      description: 'v',
      permissions: ['golden-shield.identity.verify'],
    });
    for (let i = 0; i < 2; i++) {
      const res = await mutate('officials.assignRole', { username: 'li.wei', role: 'identity-verifier' });
      expect(res.data).toMatchObject({ roles: ['identity-verifier', 'shield-clerk'] });
    }
    const unknown = await mutate('officials.assignRole', { username: 'nobody', role: 'shield-clerk' });
    expect(unknown.status).toBe(404);
  });

  it('refuses bad input with 400 naming the field and rule, and writes nothing', async () => {
    const base = {
      username: 'wang.fang',
      displayName: 'Wang Fang',
      agency: 'mps',
      password: 'a long enough password',
    };
    const cases = [
      [{ ...base, password: 'short-pass' }, 'password', 'too_small'],
      [{ ...base, isAdmin: true }, '(input)', 'unknown_field'],
      [{ ...base, username: 'Wang Fang' }, 'username', 'invalid_format'],
      [{ ...base, agency: 'nowhere' }, 'agency', 'unknown_agency'],
      [{ ...base, roles: ['no-such-role'] }, 'roles', 'unknown_role'],
    ] as const;
    for (const [input, path, rule] of cases) {
      const res = await mutate('officials.create', input);
      expect(res.status, `${path} ${rule}`).toBe(400);
      expect(res.error?.data.issues?.[0]).toMatchObject({ path, rule });
    }
    const taken = await mutate('officials.create', { ...base, username: 'li.wei' });
    expect(taken.status).toBe(409);
    const listed = (await platform.call('officials.list', { token: admin, input: { agency: 'mps' } })).data;
    expect((listed as { username: string }[]).map((o) => o.username)).toEqual(['li.wei']);
  });

  it('needs the manage permission to change anything', async () => {
    const reader = await platform.officialToken(['platform.official.read']);
    const res = await mutate('agencies.create', { code: 'sat', name: 'Tax', zone: 'internal' }, reader);
    expect(res.status).toBe(403);
    expect((await platform.call('agencies.list', { token: reader })).status).toBe(200);
  });
});
