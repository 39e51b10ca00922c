import { type Kysely, sql } from 'kysely';

/*
 * Payment requests in batches (a pension payroll): each line a caller's own
 * reference, unique per caller, so a retried batch requests nothing twice;
 * the payee's resident ID when the payee is a person; a `cancelled` status
 * for requests whose payee died before they were paid; and the deaths
 * golden-shield reported. Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('payment')
    .addColumn('source', 'text')
    .addColumn('source_reference', 'text')
    .addColumn('payee_resident_id', 'text', (c) => c.check(sql`payee_resident_id ~ '^[0-9]{17}[0-9X]$'`))
    .execute();
  await db.schema
    .createIndex('payment_source_reference')
    .on('payment')
    .columns(['source', 'source_reference'])
    .unique()
    .where(sql.ref('source'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('payment_payee_resident_idx')
    .on('payment')
    .column('payee_resident_id')
    .where(sql.ref('payee_resident_id'), 'is not', null)
    .execute();
  await db.schema.alterTable('payment').dropConstraint('payment_status_check').execute();
  await db.schema
    .alterTable('payment')
    .addCheckConstraint(
      'payment_status_check',
      sql`status in ('requested', 'approved', 'rejected', 'executed', 'cancelled')`,
    )
    .execute();
  await db.schema
    .createTable('deceased_payee')
    .addColumn('resident_id', 'text', (c) => c.primaryKey())
    .addColumn('died_on', 'date', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deceased_payee').execute();
  await db.schema.alterTable('payment').dropConstraint('payment_status_check').execute();
  await db.schema
    .alterTable('payment')
    .addCheckConstraint(
      'payment_status_check',
      sql`status in ('requested', 'approved', 'rejected', 'executed')`,
    )
    .execute();
  await db.schema.dropIndex('payment_payee_resident_idx').execute();
  await db.schema.dropIndex('payment_source_reference').execute();
  await db.schema
    .alterTable('payment')
    .dropColumn('source')
    .dropColumn('source_reference')
    .dropColumn('payee_resident_id')
    .execute();
}
