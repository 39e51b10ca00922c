import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../app/migrations.ts';
import { databaseTargets } from '../testing/index.ts';
import type { DatabaseConfig } from './config.ts';
import { createDatabase } from './database.ts';

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

const postgres = databaseTargets().find((t) => t.name === 'postgres');

/*
 * A ministry's owner is not a superuser: a login with CREATEROLE that owns
 * the schema. It must still create the app role, become a member, run the
 * app's pool as that role, and the role must be refused changes to the audit log.
 */
describe.runIf(postgres)('the app role under an owner that is not a superuser (PostgreSQL)', () => {
  it('creates the role, runs the app as it, and the role may not change the audit log', async () => {
    const base = postgres!.config(`admin_t${randomBytes(4).toString('hex')}`) as PostgresConfig;
    const admin = await createDatabase<any>({ ...base, appRole: false });
    const owner = `egov_owner_t${randomBytes(4).toString('hex')}`;
    const schema = `owned_t${randomBytes(4).toString('hex')}`;
    const url = new URL(base.url);
    const password = randomBytes(12).toString('hex');
    await sql.raw(`create role ${owner} login createrole password '${password}'`).execute(admin.owner);
    await sql.raw(`grant create on database "${url.pathname.slice(1)}" to ${owner}`).execute(admin.owner);
    url.username = owner;
    url.password = password;
    const database = await createDatabase<any>({ kind: 'postgres', url: url.href, schema, poolSize: 2 });
    try {
      await database.migrate(migrationsFor({ migrations: {} }, schema));
      const who = await sql<{ user: string }>`select current_user as user`.execute(database.db);
      expect(who.rows[0]!.user).toBe(`${schema}_app`);
      await expect(sql.raw(`delete from ${schema}.audit_record`).execute(database.db)).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        sql.raw(`select count(*) from ${schema}.audit_record`).execute(database.db),
      ).resolves.toBeDefined();
    } finally {
      await database.dropSchema();
      await database.close();
      await sql
        .raw(`revoke create on database "${url.pathname.slice(1)}" from ${owner}`)
        .execute(admin.owner);
      await sql.raw(`drop role if exists ${owner}`).execute(admin.owner);
      await admin.dropSchema();
      await admin.close();
    }
  });
});
