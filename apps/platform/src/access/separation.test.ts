import { databaseTargets, silentLogger } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';

describe.each(databaseTargets())('three-administrator separation on $name', (target) => {
  let platform: PlatformHarness;
  let secadmin: string;
  const idOf = async (username: string) =>
    (
      await platform.db
        .selectFrom('official')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  /** Raw SQL, as a database administrator would type it, past every check the application makes. */
  const table = (name: string) => sql.table(`${platform.app.database.schema}.${name}`);
  const assign = (username: string, role: string) =>
    platform.call('officials.assignRole', { type: 'mutation', token: secadmin, input: { username, role } });

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    secadmin = (await platform.loginFully('secadmin', 'secadmin-demo-password')).accessToken;
  });
  afterAll(() => platform.close());

  it('refuses, in the database itself, a raw insert giving an official a second administrator role', async () => {
    const sysadmin = await idOf('sysadmin');
    // Honest about the kind: the partial unique index refuses it.
    await expect(
      sql`insert into ${table('official_role')} (official_id, role_name, admin_kind) values (${sysadmin}, 'audit-admin', 'audit')`.execute(
        platform.db,
      ),
    ).rejects.toThrow(/official_role_one_admin_role|duplicate key/);
    // Lying about the kind (or leaving it to the default): the composite foreign key refuses it.
    await expect(
      sql`insert into ${table('official_role')} (official_id, role_name) values (${sysadmin}, 'audit-admin')`.execute(
        platform.db,
      ),
    ).rejects.toThrow(/official_role_admin_kind_of_role|foreign key/);
    const held = await platform.db
      .selectFrom('official_role')
      .select('role_name')
      .where('official_id', '=', sysadmin)
      .execute();
    expect(held).toEqual([{ role_name: 'system-admin' }]);
  });

  it("refuses administrative grants in an ordinary role, and changing a held role's kind, in the database too", async () => {
    await expect(
      sql`insert into ${table('role')} (name, description, permissions) values ('sneaky', 'x', ${sql.lit('{platform.official.manage}')}::text[])`.execute(
        platform.db,
      ),
    ).rejects.toThrow(/role_admin_grants_only_in_admin_roles|check constraint/);
    await expect(
      sql`update ${table('role')} set admin_kind = 'audit' where name = 'system-admin'`.execute(platform.db),
    ).rejects.toThrow(/official_role_admin_kind_of_role|foreign key/);
  });

  it('answers the API with a named rule, and lets an ordinary role join an administrator role', async () => {
    const second = await assign('sysadmin', 'security-admin');
    expect(second.status).toBe(409);
    expect(second.error?.data.issues?.[0]).toMatchObject({ path: 'role', rule: 'separation_of_duties' });
    expect(second.error?.message).toContain('only one administrator role');
    expect((await assign('clerk', 'audit-admin')).status).toBe(200);
    expect((await assign('clerk', 'system-admin')).status).toBe(409);
    expect((await assign('sysadmin', 'shield-clerk')).data).toMatchObject({
      roles: ['shield-clerk', 'system-admin'],
    });
  });

  it('marks every administrative act as such in the audit log, refused ones included', async () => {
    const records = await platform.audit('officials.assignRole');
    expect(records.length).toBe(4);
    expect(records.every((r) => r.kind === 'admin')).toBe(true);
    expect(records.map((r) => r.outcome)).toEqual(['failed', 'ok', 'failed', 'ok']);
  });
});
