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

describe.each(databaseTargets())('roles on $name', (target) => {
  let platform: PlatformHarness;
  let admin: string;
  const mutate = (path: string, input: unknown, token = admin) =>
    platform.call(path, { type: 'mutation', input, token });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    admin = await platform.officialToken(everything);
  });
  afterAll(() => platform.close());

  it('defines roles with well-formed grants, wildcards included, and redefines them in place', async () => {
    const role = { name: 'shield-clerk', description: 'reads', permissions: ['golden-shield.resident.read'] };
    expect((await mutate('roles.define', role)).data).toEqual({ ...role, adminKind: 'none' });
    const wider = { ...role, permissions: ['golden-shield.resident.*', 'golden-shield.*'] };
    expect((await mutate('roles.define', wider)).data).toMatchObject({
      permissions: ['golden-shield.*', 'golden-shield.resident.*'],
    });
    const roles = (await platform.call('roles.list', { token: admin })).data as {
      name: string;
      adminKind: string;
    }[];
    expect(roles.map((r) => [r.name, r.adminKind])).toEqual([
      ['audit-admin', 'audit'],
      ['security-admin', 'security'],
      ['shield-clerk', 'none'],
      ['system-admin', 'system'],
    ]);
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

  it('keeps administrative grants in the administrator roles, and those roles as the migration made them', async () => {
    const smuggled = await mutate('roles.define', {
      name: 'helper',
      description: 'x',
      permissions: ['platform.*'],
    });
    expect(smuggled.status).toBe(400);
    expect(smuggled.error?.data.issues?.[0]).toMatchObject({
      path: 'permissions.0',
      rule: 'administrative_permission',
    });
    const audit = await mutate('roles.define', {
      name: 'peek',
      description: 'x',
      permissions: ['kernel.audit.read'],
    });
    expect(audit.error?.data.issues?.[0]).toMatchObject({ rule: 'administrative_permission' });
    const widened = await mutate('roles.define', {
      name: 'audit-admin',
      description: 'more',
      permissions: ['golden-shield.*'],
    });
    expect(widened.error?.data.issues?.[0]).toMatchObject({ path: 'name', rule: 'administrator_role' });
  });
});
