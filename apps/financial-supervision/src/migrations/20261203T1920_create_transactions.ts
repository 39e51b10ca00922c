import { type Kysely, sql } from 'kysely';

/* Submitted transactions, their daily one-sided totals and the large-value reports. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  const category = sql`category in ('cash', 'org_transfer', 'individual_domestic', 'individual_cross_border')`;
  await db.schema
    .createTable('transaction_batch')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('institution', 'text', (c) => c.notNull().references('institution.credit_code'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'jsonl')`))
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_accepted', 'integer', (c) => c.notNull())
    .addColumn('rows_refused', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('transaction_record')
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('txn_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('transaction_batch.id'))
    .addColumn('customer_type', 'text', (c) =>
      c.notNull().check(sql`customer_type in ('individual', 'organisation')`),
    )
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cash', 'transfer')`))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
    .addColumn('cross_border', 'boolean', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency in ('CNY', 'USD')`))
    .addColumn('amount_minor', 'bigint', (c) =>
      c.notNull().check(sql`amount_minor between 1 and 10000000000000`),
    )
    .addColumn('booked_on', 'date', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(category))
    .addPrimaryKeyConstraint('transaction_record_pk', ['institution', 'txn_id'])
    .execute();
  await db.schema
    .createIndex('transaction_record_batch')
    .on('transaction_record')
    .column('batch_id')
    .execute();
  await db.schema
    .createTable('daily_total')
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('booked_on', 'date', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(category))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('total_minor', 'numeric(24, 0)', (c) => c.notNull())
    .addColumn('txn_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_total_pk', [
      'institution',
      'customer_id',
      'booked_on',
      'category',
      'currency',
      'direction',
    ])
    .execute();
  await db.schema
    .createTable('large_value_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('institution', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('customer_type', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('booked_on', 'date', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(category))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('threshold_minor', 'bigint', (c) => c.notNull())
    .addColumn('batch_id', 'bigint', (c) => c.notNull().references('transaction_batch.id'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('overdue', 'boolean', (c) => c.notNull())
    .addColumn('produced_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('large_value_report_once', [
      'institution',
      'customer_id',
      'booked_on',
      'category',
      'currency',
      'direction',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('large_value_report').execute();
  await db.schema.dropTable('daily_total').execute();
  await db.schema.dropTable('transaction_record').execute();
  await db.schema.dropTable('transaction_batch').execute();
}
