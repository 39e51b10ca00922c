import { type Kysely, sql } from 'kysely';

/*
 * Anti-counterfeit codes (防伪码, S4.3), per product batch. Only each code's
 * SHA-256 is kept: a copy of the table does not give anyone a genuine code.
 * Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('anti_counterfeit_batch')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('holder_credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('codes', 'integer', (c) => c.notNull().check(sql`codes > 0`))
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('anti_counterfeit_batch_unique', ['holder_credit_code', 'batch_no'])
    .execute();
  await db.schema
    .createTable('anti_counterfeit_code')
    .addColumn('code_hash', 'char(64)', (c) => c.primaryKey())
    .addColumn('batch_uuid', 'uuid', (c) => c.notNull().references('anti_counterfeit_batch.uuid'))
    .addColumn('checks', 'integer', (c) => c.notNull().defaultTo(0).check(sql`checks >= 0`))
    .addColumn('first_checked_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('anti_counterfeit_code').execute();
  await db.schema.dropTable('anti_counterfeit_batch').execute();
}
