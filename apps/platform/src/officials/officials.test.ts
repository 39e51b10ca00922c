import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

/** Everything the system and security administrators hold, in one fixture token: this suite tests the domain, not the separation. */
const everything = [
  'platform.agency.manage',
  'platform.official.manage',
  'platform.official.read',
  'platform.role.manage',
  'platform.role.read',
  'platform.role.assign',
  'platform.account.unlock',
];

describe.each(databaseTargets())('agencies, roles and officials on $name', (target) => {
  let platform: PlatformHarness;
  let admin: string;
  const mutate = (path: string, input: unknown, token = admin) =>
    platform.call(path, { type: 'mutation', input, token });
  const liWei = {
    username: 'li.wei',
    displayName: 'Li Wei',
    agency: 'mps',
    password: 'a long enough pass phrase',
  };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    admin = await platform.officialToken(everything);
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

  it('creates an official without roles, masks the phone and never returns the password hash', async () => {
    const res = await mutate('officials.create', { ...liWei, phone: '+86 138-1234-5678' });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      username: 'li.wei',
      agency: 'mps',
      roles: [],
      disabled: false,
      locked: false,
    });
    expect((res.data as { phone: string }).phone).toBe('138****5678');
    expect(JSON.stringify(res.data)).not.toMatch(/hash|argon2|password|12345678/i);
    const stored = await platform.db
      .selectFrom('official')
      .select(['password_hash', 'phone'])
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.phone).toBe('13812345678');
  });

  it('assigns a role once, however often asked', async () => {
    for (const [name, permission] of [
      ['identity-verifier', 'golden-shield.identity.verify'],
      ['shield-clerk', 'golden-shield.resident.read'],
    ]) {
      await mutate('roles.define', { name, description: 'r', permissions: [permission] });
    }
    for (const role of ['identity-verifier', 'identity-verifier', 'shield-clerk']) {
      expect((await mutate('officials.assignRole', { username: 'li.wei', role })).status).toBe(200);
    }
    const listed = (await platform.call('officials.list', { token: admin })).data as { roles: string[] }[];
    expect(listed[0]?.roles).toEqual(['identity-verifier', 'shield-clerk']);
    expect((await mutate('officials.assignRole', { username: 'nobody', role: 'shield-clerk' })).status).toBe(
      404,
    );
    const unknownRole = await mutate('officials.assignRole', { username: 'li.wei', role: 'no-such-role' });
    expect(unknownRole.error?.data.issues?.[0]).toMatchObject({ path: 'role', rule: 'unknown_role' });
  });

  it('refuses bad input with 400 naming the field and rule, and writes nothing', async () => {
    const base = {
      username: 'wang.fang',
      displayName: 'Wang Fang',
      agency: 'mps',
      password: 'a long enough pass phrase',
    };
    const cases = [
      [{ ...base, password: 'short-pass' }, 'password', 'too_short'],
      [{ ...base, password: 'Password12345678' }, 'password', 'common'],
      [{ ...base, password: 'x'.repeat(129) }, 'password', 'too_long'],
      [{ ...base, isAdmin: true }, '(input)', 'unknown_field'],
      [{ ...base, roles: ['system-admin'] }, '(input)', 'unknown_field'],
      [{ ...base, username: 'Wang Fang' }, 'username', 'invalid_format'],
      [{ ...base, phone: '12812345678' }, 'phone', 'prefix'],
      [{ ...base, agency: 'nowhere' }, 'agency', 'unknown_agency'],
    ] as const;
    for (const [input, path, rule] of cases) {
      const res = await mutate('officials.create', input);
      expect(res.status, `${path} ${rule}`).toBe(400);
      expect(res.error?.data.issues?.[0]).toMatchObject({ path, rule });
    }
    expect((await mutate('officials.create', { ...base, username: 'li.wei' })).status).toBe(409);
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
