import { type Kysely, sql } from 'kysely';

/* Applications to open a business (flow 2) and the steps each went through. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('business_application')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    // The portal's application number: a retried application carries the same one.
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('request_digest', 'char(64)', (c) => c.notNull())
    .addColumn('entity_uuid', 'uuid', (c) => c.notNull().unique().references('legal_entity.uuid'))
    .addColumn('credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('taxpayer_kind', 'text', (c) =>
      c.notNull().check(sql`taxpayer_kind in ('general', 'small-scale')`),
    )
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('tax_registered_at', 'timestamptz')
    .addColumn('employer_registered_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('business_application_credit_code')
    .on('business_application')
    .column('credit_code')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('business_application').execute();
}
