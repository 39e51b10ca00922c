import { type Kysely, sql } from 'kysely';

/*
 * The legal-entity base (法人单位基础信息库) and the credit-code counters.
 * Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One counter per registration authority; a code is taken under the row's lock, so no two
  // registrations get one number. Numbers are never handed back: an entity is never deleted.
  await db.schema
    .createTable('code_sequence')
    .addColumn('authority', 'char(1)', (c) => c.primaryKey())
    .addColumn('last', 'bigint', (c) => c.notNull().check(sql`last >= 0`))
    .execute();
  await db.schema
    .createTable('legal_entity')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('credit_code', 'char(18)', (c) => c.notNull().unique())
    .addColumn('organisation_code', 'char(9)', (c) => c.notNull().unique())
    .addColumn('authority', 'char(1)', (c) => c.notNull())
    .addColumn('entity_type', 'char(1)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('division', 'char(6)', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().check(sql`char_length(address) between 1 and 200`))
    .addColumn('legal_rep_name', 'text', (c) => c.notNull())
    .addColumn('legal_rep_id', 'char(18)', (c) => c.notNull())
    .addColumn('registered_capital_fen', 'bigint', (c) => c.check(sql`registered_capital_fen > 0`))
    .addColumn('business_scope', 'text', (c) =>
      c.notNull().check(sql`char_length(business_scope) between 1 and 2000`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'suspended', 'deregistered')`),
    )
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .execute();
  // A name is one entity's while it exists (名称专用权); it is free again once deregistered.
  await db.schema
    .createIndex('legal_entity_live_name')
    .on('legal_entity')
    .column('name')
    .unique()
    .where(sql.ref('status'), '<>', 'deregistered')
    .execute();
  await db.schema.createIndex('legal_entity_division').on('legal_entity').column('division').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legal_entity').execute();
  await db.schema.dropTable('code_sequence').execute();
}
