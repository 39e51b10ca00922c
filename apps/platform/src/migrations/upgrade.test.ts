import { randomUUID } from 'node:crypto';
import { databaseTargets, dropFresh, freshDatabase } from '@egov/testing';
import { describe, expect, it } from 'vitest';
import type { PlatformDatabase } from '../database.ts';
import { migrations } from './index.ts';

const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '20261127'));

describe.each(databaseTargets())('upgrading a platform schema of the first release on $name', (target) => {
  it('strips the old all-powerful role and administrative grants, then separates the administrators', async () => {
    const database = await freshDatabase<PlatformDatabase>(target, 'platform');
    try {
      await database.migrate(before);
      const db = database.db as any;
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
      const roles = await database.db
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
      expect(await database.db.selectFrom('official_role').selectAll().execute()).toEqual([]);
    } finally {
      await dropFresh(database);
    }
  });
});
