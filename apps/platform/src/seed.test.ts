import { workspaceApps } from '@egov/kernel/manifest';
import { databaseTargets, silentLogger } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformDatabase } from './database.ts';
import { checkPassword, passwordProfiles } from './passwords/policy.ts';
import { demoAccounts, demoResources, demoScopes, seedPlatform } from './seed.ts';
import { bootPlatform, type PlatformHarness } from './testing.fixture.ts';

const tables = [
  'agency',
  'role',
  'official',
  'official_role',
  'official_scope',
  'agency_system',
  'information_resource',
] as const satisfies (keyof PlatformDatabase)[];

describe.each(databaseTargets())('platform seed on $name', (target) => {
  let platform: PlatformHarness;
  beforeAll(async () => {
    platform = await bootPlatform(target);
  });
  afterAll(() => platform.close());

  async function snapshot() {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const row = await platform.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      counts[table] = row.n;
    }
    const hashes = await platform.db.selectFrom('official').select(['username', 'password_hash']).execute();
    return { counts, hashes };
  }

  it('writes the demo data once; a second run writes nothing', async () => {
    await seedPlatform(platform.app.database, silentLogger());
    const first = await snapshot();
    // Agencies, systems and roles come from the apps' manifests (a new app adds its own): one agency per
    // operating agency, one system per app, and the three administrator roles (migration) beside the apps' roles.
    const manifests = (await workspaceApps()).map((a) => a.manifest);
    expect(first.counts).toEqual({
      agency: new Set(manifests.map((m) => m.agency.code)).size,
      role: 3 + manifests.reduce((n, m) => n + Object.keys(m.roles ?? {}).length, 0),
      official: demoAccounts.length,
      official_role: demoAccounts.reduce((n, a) => n + a.roles.length, 0),
      official_scope: Object.values(demoScopes).reduce(
        (n, kinds) => n + Object.values(kinds).flat().length,
        0,
      ),
      agency_system: manifests.length,
      information_resource: demoResources.length,
    });
    // The five apps before social security gave 5 agencies and 12 roles; the counts only grow with apps.
    expect(first.counts.agency).toBeGreaterThanOrEqual(5);
    expect(first.counts.role).toBeGreaterThanOrEqual(12);
    await seedPlatform(platform.app.database, silentLogger());
    expect(await snapshot()).toEqual(first);
  });

  it('lets every demo account log in with its documented password', async () => {
    for (const account of demoAccounts) {
      const res = await platform.call('auth.login', {
        type: 'mutation',
        input: { username: account.username, password: account.password },
      });
      expect(res.status, account.username).toBe(200);
      expect(res.data).toMatchObject({ official: { agency: account.agency, roles: [...account.roles] } });
      // Administrators must enrol a second factor before anything else; the others are done.
      const admin = account.roles[0].endsWith('-admin');
      expect((res.data as { pending: string | null }).pending, account.username).toBe(
        admin ? 'mfa-enrol' : null,
      );
    }
  });

  it('gives every demo account a password the default (asvs) profile accepts, even without a second factor', () => {
    for (const account of demoAccounts) {
      expect(
        checkPassword(
          account.password,
          { username: account.username, multiFactor: false },
          passwordProfiles.asvs,
        ),
      ).toEqual([]);
    }
  });

  it('has the three administrators in three separate accounts of the national office', () => {
    const admins = demoAccounts.filter((a) => a.roles[0].endsWith('-admin'));
    expect(admins.map((a) => [a.username, a.agency, a.roles])).toEqual([
      ['sysadmin', 'platform', ['system-admin']],
      ['secadmin', 'platform', ['security-admin']],
      ['auditadmin', 'platform', ['audit-admin']],
    ]);
  });
});
