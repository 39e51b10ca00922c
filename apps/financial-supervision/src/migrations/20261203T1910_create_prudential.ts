import { type Kysely, sql } from 'kysely';

/* Prudential thresholds (dated configuration), quarterly reports and their alerts. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  const metric = sql`metric in ('core_tier1', 'tier1', 'capital_adequacy', 'liquidity_coverage')`;
  await db.schema
    .createTable('prudential_threshold')
    .addColumn('metric', 'text', (c) => c.notNull().check(metric))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('minimum', 'numeric(7, 4)', (c) => c.notNull().check(sql`minimum >= 0`))
    .addColumn('warning', 'numeric(7, 4)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`char_length(source) between 5 and 300`))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('prudential_threshold_pk', ['metric', 'effective_from'])
    .addCheckConstraint('prudential_threshold_order', sql`warning >= minimum`)
    .execute();
  await db.schema
    .createTable('prudential_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('institution', 'text', (c) => c.notNull().references('institution.credit_code'))
    .addColumn('quarter', 'text', (c) => c.notNull().check(sql`quarter ~ '^[0-9]{4}Q[1-4]$'`))
    .addColumn('core_tier1_capital', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('tier1_capital', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('total_capital', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('risk_weighted_assets', 'numeric(20, 0)', (c) =>
      c.notNull().check(sql`risk_weighted_assets > 0`),
    )
    .addColumn('hqla', 'numeric(20, 0)', (c) => c.notNull())
    .addColumn('net_cash_outflows', 'numeric(20, 0)', (c) => c.notNull().check(sql`net_cash_outflows > 0`))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('prudential_report_once', ['institution', 'quarter'])
    .execute();
  await db.schema
    .createTable('prudential_alert')
    .addColumn('report_id', 'bigint', (c) => c.notNull().references('prudential_report.id'))
    .addColumn('metric', 'text', (c) => c.notNull().check(metric))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('breach', 'warning')`))
    .addColumn('ratio', 'text', (c) => c.notNull())
    .addColumn('threshold', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('prudential_alert_pk', ['report_id', 'metric'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prudential_alert').execute();
  await db.schema.dropTable('prudential_report').execute();
  await db.schema.dropTable('prudential_threshold').execute();
}
