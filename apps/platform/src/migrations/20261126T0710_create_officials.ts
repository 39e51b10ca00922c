import { type Kysely, sql } from 'kysely';

/** Agencies, roles (named permission sets), officials and which roles each holds. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addCheckConstraint('agency_zone_known', sql`zone in ('internal', 'external', 'public')`)
    .execute();

  await db.schema
    .createTable('role')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('permissions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .createTable('official')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('official_role')
    .addColumn('official_id', 'uuid', (c) => c.notNull().references('official.id').onDelete('cascade'))
    .addColumn('role_name', 'text', (c) => c.notNull().references('role.name'))
    .addPrimaryKeyConstraint('official_role_pk', ['official_id', 'role_name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['official_role', 'official', 'role', 'agency']) {
    await db.schema.dropTable(table).execute();
  }
}
