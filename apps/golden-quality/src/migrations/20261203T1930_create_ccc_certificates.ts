import { type Kysely, sql } from 'kysely';

/* CCC certification (强制性产品认证): applications through to certificates and their follow-ups. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ccc_certificate')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('serial', 'bigserial', (c) => c.notNull().unique())
    .addColumn('holder_credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) =>
      c.notNull().check(sql`char_length(product_name) between 1 and 200`),
    )
    .addColumn('model', 'text', (c) => c.notNull().check(sql`char_length(model) between 1 and 100`))
    .addColumn('commodity_code', 'char(10)', (c) => c.notNull().check(sql`commodity_code ~ '^[0-9]{10}$'`))
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`stage in ('applied', 'documents_reviewed', 'type_tested', 'factory_inspected', 'valid', 'suspended', 'refused')`,
        ),
    )
    .addColumn('valid_from', 'date')
    .addColumn('valid_until', 'date')
    .addColumn('last_follow_up_on', 'date')
    .addColumn('stage_note', 'text')
    .addColumn('applied_by', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'ccc_certificate_issued_dates',
      sql`(stage in ('valid', 'suspended')) = (valid_from is not null and valid_until is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('ccc_certificate_holder')
    .on('ccc_certificate')
    .column('holder_credit_code')
    .execute();
  await db.schema
    .createIndex('ccc_certificate_commodity')
    .on('ccc_certificate')
    .column('commodity_code')
    .execute();
  await db.schema
    .createTable('ccc_follow_up')
    .addColumn('certificate_uuid', 'uuid', (c) => c.notNull().references('ccc_certificate.uuid'))
    .addColumn('inspected_on', 'date', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('pass', 'fail')`))
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ccc_follow_up_pk', ['certificate_uuid', 'inspected_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ccc_follow_up').execute();
  await db.schema.dropTable('ccc_certificate').execute();
}
