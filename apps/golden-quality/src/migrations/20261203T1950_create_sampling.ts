import { type Kysely, sql } from 'kysely';

/* Sampling inspections of products on the market, the recalls and fines a failed sample brings. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sample')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('serial', 'bigserial', (c) => c.notNull().unique())
    .addColumn('plan_code', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('producer_credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('batch_no', 'text', (c) => c.notNull())
    .addColumn('sampled_on', 'date', (c) => c.notNull())
    .addColumn('sampled_by', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.check(sql`result in ('pass', 'fail')`))
    .addColumn('findings', 'text')
    .addColumn('result_at', 'timestamptz')
    .addCheckConstraint('sample_result_complete', sql`(result is null) = (result_at is null)`)
    .execute();
  await db.schema.createIndex('sample_producer').on('sample').column('producer_credit_code').execute();
  await db.schema
    .createTable('recall')
    .addColumn('sample_uuid', 'uuid', (c) => c.primaryKey().references('sample.uuid'))
    .addColumn('ordered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ordered_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('fine')
    .addColumn('sample_uuid', 'uuid', (c) => c.primaryKey().references('sample.uuid'))
    .addColumn('source_reference', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('receipt_id', 'uuid')
    .addColumn('receipt_status', 'text')
    .addColumn('paid_at', 'timestamptz')
    .addCheckConstraint('fine_paid_complete', sql`(receipt_id is null) = (paid_at is null)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fine').execute();
  await db.schema.dropTable('recall').execute();
  await db.schema.dropTable('sample').execute();
}
