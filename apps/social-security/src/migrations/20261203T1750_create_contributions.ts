import { type Kysely, sql } from 'kysely';

/* Local average wages, monthly declarations and personal-account credits. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('average_wage')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year between 1990 and 2100`))
    .addColumn('annual_fen', 'bigint', (c) => c.notNull().check(sql`annual_fen > 0`))
    .addColumn('set_by', 'text', (c) => c.notNull())
    .addColumn('set_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('declaration')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('employer_code', 'text', (c) => c.notNull().references('employer.credit_code'))
    .addColumn('period', 'text', (c) => c.notNull().check(sql`period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`))
    .addColumn('annual_average_fen', 'bigint', (c) => c.notNull())
    .addColumn('average_source', 'text', (c) =>
      c.notNull().check(sql`average_source in ('local', 'national-default')`),
    )
    .addColumn('employer_rate', 'text', (c) => c.notNull())
    .addColumn('employee_rate', 'text', (c) => c.notNull())
    .addColumn('employer_fen', 'bigint', (c) => c.notNull().check(sql`employer_fen >= 0`))
    .addColumn('employee_fen', 'bigint', (c) => c.notNull().check(sql`employee_fen >= 0`))
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('declaration_once_a_month', ['employer_code', 'period'])
    .execute();
  await db.schema
    .createTable('declaration_line')
    .addColumn('declaration_id', 'bigint', (c) => c.notNull().references('declaration.id'))
    .addColumn('insured_uuid', 'uuid', (c) => c.notNull().references('insured_person.uuid'))
    .addColumn('wage_fen', 'bigint', (c) => c.notNull().check(sql`wage_fen >= 0`))
    .addColumn('base_fen', 'bigint', (c) => c.notNull().check(sql`base_fen > 0`))
    .addColumn('employer_fen', 'bigint', (c) => c.notNull())
    .addColumn('employee_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('declaration_line_pk', ['declaration_id', 'insured_uuid'])
    .execute();
  await db.schema
    .createTable('personal_account_entry')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('insured_uuid', 'uuid', (c) => c.notNull().references('insured_person.uuid'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('declaration_id', 'bigint', (c) => c.notNull().references('declaration.id'))
    .addColumn('credited_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('personal_account_entry_once', ['insured_uuid', 'declaration_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['personal_account_entry', 'declaration_line', 'declaration', 'average_wage'])
    await db.schema.dropTable(table).execute();
}
