import { type Kysely, sql } from 'kysely';
import { appRoleFor } from './config.ts';
import type { Migrations } from './migrations.ts';

/**
 * Grants the app role (`<schema>_app`, created by `createDatabase`) what the
 * app needs: reading and writing its tables, now and those later migrations
 * create. Withheld: changing the migration history, and UPDATE, DELETE and
 * TRUNCATE on the `appendOnly` tables (the audit log), which the role may
 * only read and append to. The trigger on those tables still refuses the
 * owner; the grants make the refusal a second, independent one.
 */
export function appRoleMigrations(schema: string, appendOnly: readonly string[]): Migrations {
  const role = sql.id(appRoleFor(schema));
  const s = sql.id(schema);
  const t = (name: string) => sql.id(schema, name);
  return {
    '20261127T0900_kernel_app_role': {
      up: async (db: Kysely<any>) => {
        await sql`grant usage on schema ${s} to ${role}`.execute(db);
        await sql`grant select, insert, update, delete on all tables in schema ${s} to ${role}`.execute(db);
        await sql`grant usage, select on all sequences in schema ${s} to ${role}`.execute(db);
        await sql`alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${role}`.execute(
          db,
        );
        await sql`alter default privileges in schema ${s} grant usage, select on sequences to ${role}`.execute(
          db,
        );
        for (const table of ['kysely_migration', 'kysely_migration_lock']) {
          await sql`revoke insert, update, delete, truncate on ${t(table)} from ${role}`.execute(db);
        }
        for (const table of appendOnly) {
          await sql`revoke update, delete, truncate on ${t(table)} from ${role}`.execute(db);
        }
      },
    },
  };
}
