import { type Kysely, sql } from 'kysely';

/*
 * Pensions, monthly payroll runs and their lines, the deaths golden-shield
 * reported, and recovery claims for pensions paid after a death. Frozen once merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const month = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`;
  await db.schema
    .createTable('pension')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('insured_uuid', 'uuid', (c) => c.notNull().unique().references('insured_person.uuid'))
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in ('male', 'female-cadre', 'female-worker')`),
    )
    .addColumn('first_month', 'text', (c) => c.notNull().check(month('first_month')))
    .addColumn('contribution_months', 'integer', (c) => c.notNull().check(sql`contribution_months > 0`))
    .addColumn('average_index_bp', 'integer', (c) => c.notNull())
    .addColumn('previous_year_annual_fen', 'bigint', (c) => c.notNull())
    .addColumn('account_balance_fen', 'bigint', (c) => c.notNull())
    .addColumn('divisor', 'integer', (c) => c.notNull())
    .addColumn('basic_fen', 'bigint', (c) => c.notNull().check(sql`basic_fen >= 0`))
    .addColumn('account_fen', 'bigint', (c) => c.notNull().check(sql`account_fen >= 0`))
    .addColumn('monthly_fen', 'bigint', (c) => c.notNull().check(sql`monthly_fen > 0`))
    .addColumn('died_on', 'date')
    .addColumn('awarded_by', 'text', (c) => c.notNull())
    .addColumn('awarded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('payroll_run')
    .addColumn('month', 'text', (c) => c.primaryKey().check(month('month')))
    .addColumn('budget_unit', 'text', (c) => c.notNull())
    .addColumn('appropriation_id', 'uuid', (c) => c.notNull())
    .addColumn('pensioners', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('cancelled', 'integer', (c) => c.notNull())
    .addColumn('run_by', 'text', (c) => c.notNull())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('payroll_line')
    .addColumn('month', 'text', (c) => c.notNull().references('payroll_run.month'))
    .addColumn('pension_uuid', 'uuid', (c) => c.notNull().references('pension.uuid'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('requested', 'cancelled')`))
    .addPrimaryKeyConstraint('payroll_line_pk', ['pension_uuid', 'month'])
    .execute();
  await db.schema
    .createTable('reported_death')
    .addColumn('resident_id', 'text', (c) => c.primaryKey())
    .addColumn('died_on', 'date', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('recovery_claim')
    .addColumn('pension_uuid', 'uuid', (c) => c.notNull().references('pension.uuid'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('payment_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'withdrawn')`))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addPrimaryKeyConstraint('recovery_claim_pk', ['pension_uuid', 'month'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['recovery_claim', 'reported_death', 'payroll_line', 'payroll_run', 'pension'])
    await db.schema.dropTable(table).execute();
}
