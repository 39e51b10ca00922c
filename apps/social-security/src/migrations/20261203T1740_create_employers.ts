import { type Kysely, sql } from 'kysely';

/* Employers by credit code, and their insured employees' employment periods. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('employer')
    .addColumn('credit_code', 'text', (c) =>
      c.primaryKey().check(sql`credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('division_code', 'text', (c) => c.notNull().check(sql`division_code ~ '^[0-9]{6}$'`))
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('employment')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('employer_code', 'text', (c) => c.notNull().references('employer.credit_code'))
    .addColumn('insured_uuid', 'uuid', (c) => c.notNull().references('insured_person.uuid'))
    .addColumn('start_on', 'date', (c) => c.notNull())
    // The last day employed (inclusive); null while the employment lasts.
    .addColumn('end_on', 'date', (c) => c.check(sql`end_on is null or end_on >= start_on`))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('employment_by_person')
    .on('employment')
    .columns(['insured_uuid', 'employer_code'])
    .execute();
  await db.schema
    .createIndex('employment_by_employer')
    .on('employment')
    .columns(['employer_code', 'start_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('employment').execute();
  await db.schema.dropTable('employer').execute();
}
