import { type Kysely, sql } from 'kysely';

/**
 * Service identities: each app's public key (the private half never leaves
 * the app) and what it may do; plus the ids of assertions already used, so
 * a captured assertion cannot be presented twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('service_account')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('zone', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('permissions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('service_account_zone_known', sql`zone in ('internal', 'external', 'public')`)
    .execute();

  await db.schema
    .createTable('service_assertion_jti')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Expired ids are purged on every exchange; the index keeps that cheap.
  await db.schema
    .createIndex('service_assertion_jti_expires_at')
    .on('service_assertion_jti')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_assertion_jti').execute();
  await db.schema.dropTable('service_account').execute();
}
