import type { Kysely } from 'kysely';

/**
 * TOTP second factors (RFC 6238), one per official. The shared secret is
 * stored as is here; production keeps it encrypted under a KMS key or in an
 * HSM. `last_step` is the last accepted time step, so no code works twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('official_mfa')
    .addColumn('official_id', 'uuid', (c) => c.primaryKey().references('official.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_step', 'bigint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('official_mfa').execute();
}
