import { databaseTargets, dropFresh, freshDatabase } from '@egov/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PlatformDatabase } from '../database.ts';
import * as seals from '../migrations/20261128T0720_create_seals.ts';
import { migrations } from '../migrations/index.ts';

describe.each(databaseTargets())('seal migration on $name', (target) => {
  it('grants the seal permissions to the security administrator only, and takes tables and grants out again', async () => {
    const database = await freshDatabase<PlatformDatabase>(target, 'platform');
    const permissionsOf = async (name: string) =>
      (
        await database.owner
          .selectFrom('role')
          .select('permissions')
          .where('name', '=', name)
          .executeTakeFirstOrThrow()
      ).permissions;
    try {
      await database.migrate(migrations);
      expect(await permissionsOf('security-admin')).toEqual(
        expect.arrayContaining(['platform.key.rotate', 'platform.seal.issue', 'platform.seal.revoke']),
      );
      expect((await permissionsOf('system-admin')).filter((p) => p.startsWith('platform.seal.'))).toEqual([]);
      // The database check still keeps seal grants out of ordinary roles.
      await expect(
        database.owner
          .insertInto('role')
          .values({ name: 'sealer', description: 'x', permissions: ['platform.seal.issue'] })
          .execute(),
      ).rejects.toThrow(/check constraint/);

      await seals.down(database.owner);
      expect((await permissionsOf('security-admin')).filter((p) => p.startsWith('platform.seal.'))).toEqual(
        [],
      );
      expect(await permissionsOf('security-admin')).toContain('platform.key.rotate');
      const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = ${database.schema} and table_name like 'seal%'`.execute(database.owner);
      expect(tables.rows).toEqual([]);
    } finally {
      await dropFresh(database);
    }
  });
});
