import { type Kysely, sql } from 'kysely';

/*
 * Audit projects, the data pulled for them through the catalog and exchange,
 * samples, findings, the report seal key and exported reports.
 * Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_project')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('audited_agencies', sql`text[]`, (c) => c.notNull())
    .addColumn('resources', sql`text[]`, (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('leader', 'text', (c) => c.notNull())
    .addColumn('members', sql`text[]`, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('audit_project_period', sql`period_from <= period_to`)
    .execute();

  await db.schema
    .createTable('data_pull')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('audit_project.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('owner_app', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('records', 'jsonb', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('pulled_by', 'text', (c) => c.notNull())
    .addColumn('pulled_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('data_pull_project')
    .on('data_pull')
    .columns(['project_id', 'source', 'pulled_at'])
    .execute();

  await db.schema
    .createTable('audit_sample')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('audit_project.id'))
    .addColumn('pull_id', 'uuid', (c) => c.notNull().references('data_pull.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('random', 'monetary-unit')`))
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('population_count', 'integer', (c) => c.notNull())
    .addColumn('population_fen', 'numeric', (c) => c.notNull())
    .addColumn('interval_fen', 'numeric')
    .addColumn('selected', sql`text[]`, (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('audit_sample_size', sql`size <= population_count`)
    .execute();

  await db.schema
    .createTable('finding')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('audit_project.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'numeric', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('cites', sql`text[]`, (c) => c.notNull().check(sql`cardinality(cites) > 0`))
    .addColumn('pull_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('rectified_on', 'date')
    .addColumn('rectification', 'text')
    .addColumn('rectified_by', 'text')
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('finding_deadline', sql`deadline >= issued_on`)
    .addCheckConstraint('finding_rectified', sql`rectified_on is null or rectified_on >= issued_on`)
    .execute();
  await db.schema.createIndex('finding_project').on('finding').columns(['project_id', 'issued_at']).execute();

  await db.schema
    .createTable('report_seal_key')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id = 'report'`))
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('certificate_chain', sql`text[]`)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_report')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('audit_project.id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('certificate_serial', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('exported_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_report',
    'report_seal_key',
    'finding',
    'audit_sample',
    'data_pull',
    'audit_project',
  ])
    await db.schema.dropTable(table).execute();
}
