import { type Kysely, sql } from 'kysely';

/**
 * The platform's token-signing keys. Several may be live at once: the newest
 * signs, all non-retired ones are published in the JWKS, so a key can be
 * rotated in before the old one is retired (no downtime).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signing_key')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('private_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signing_key').execute();
}
