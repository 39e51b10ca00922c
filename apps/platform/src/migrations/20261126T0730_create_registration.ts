import { type Kysely, sql } from 'kysely';

/** The service registry (S1.4): where each app answers, by name. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registration')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('registration_zone_known', sql`zone in ('internal', 'external', 'public')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registration').execute();
}
