import { randomUUID } from 'node:crypto';
import { databaseTargets, dropFresh, freshDatabase } from '@egov/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PlatformDatabase } from '../database.ts';
import * as catalogGrants from './20261128T0700_catalog_grants_in_ordinary_roles.ts';
import * as catalog from './20261128T0710_create_catalog.ts';
import { migrations } from './index.ts';

const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261127'));

describe.each(databaseTargets())('upgrading a platform schema of the first release on $name', (target) => {
  it('strips the old all-powerful role and administrative grants, then separates the administrators', async () => {
    const database = await freshDatabase<PlatformDatabase>(target, 'platform');
    try {
      await database.migrate(before);
      const db = database.owner as any;
      await db.insertInto('agency').values({ code: 'platform', name: 'office', zone: 'internal' }).execute();
      await db
        .insertInto('role')
        .values([
          { name: 'platform-admin', description: 'old', permissions: ['platform.*'] },
          {
            name: 'mixed',
            description: 'old',
            permissions: ['golden-shield.resident.read', 'kernel.audit.read'],
          },
        ])
        .execute();
      const id = randomUUID();
      await db
        .insertInto('official')
        .values({ id, username: 'admin', display_name: 'Admin', agency_code: 'platform', password_hash: 'x' })
        .execute();
      await db.insertInto('official_role').values({ official_id: id, role_name: 'platform-admin' }).execute();

      expect(await database.migrate(migrations)).toEqual(
        Object.keys(migrations).filter((name) => name >= '20261127'),
      );
      const roles = await database.owner
        .selectFrom('role')
        .select(['name', 'permissions', 'admin_kind'])
        .orderBy('name')
        .execute();
      expect(roles.map((r) => [r.name, r.admin_kind])).toEqual([
        ['audit-admin', 'audit'],
        ['mixed', 'none'],
        ['security-admin', 'security'],
        ['system-admin', 'system'],
      ]);
      expect(roles.find((r) => r.name === 'mixed')?.permissions).toEqual(['golden-shield.resident.read']);
      // The old administrator keeps the account, not the powers.
      expect(await database.owner.selectFrom('official_role').selectAll().execute()).toEqual([]);
    } finally {
      await dropFresh(database);
    }
  });
  it('opens catalog grants to ordinary roles and adds the catalog to a running schema, and takes both out again', async () => {
    const database = await freshDatabase<PlatformDatabase>(target, 'platform');
    const previous = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261128'));
    const roleWith = (name: string, permissions: string[]) =>
      database.owner.insertInto('role').values({ name, description: 'x', permissions }).execute();
    try {
      await database.migrate(previous);
      await expect(roleWith('steward', ['platform.catalog.read'])).rejects.toThrow(/check constraint/);
      // Later migrations (seals, ...) follow these two.
      expect((await database.migrate(migrations)).slice(0, 2)).toEqual([
        '20261128T0700_catalog_grants_in_ordinary_roles',
        '20261128T0710_create_catalog',
      ]);
      await roleWith('steward', ['golden-shield.resident.read', 'platform.catalog.read']);
      await expect(roleWith('token-holder', ['platform.exchange.token'])).rejects.toThrow(/check constraint/);

      await catalog.down(database.owner);
      await catalogGrants.down(database.owner);
      const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = ${database.schema} and table_name in ('agency_system', 'information_resource', 'access_request', 'exchange_grant')`.execute(
        database.owner,
      );
      expect(tables.rows).toEqual([]);
      // Going back strips the catalog grants the older rule forbids, and the older rule holds again.
      const steward = await database.owner
        .selectFrom('role')
        .select('permissions')
        .where('name', '=', 'steward')
        .executeTakeFirstOrThrow();
      expect(steward.permissions).toEqual(['golden-shield.resident.read']);
      await expect(roleWith('again', ['platform.catalog.read'])).rejects.toThrow(/check constraint/);
    } finally {
      await dropFresh(database);
    }
  });
});
