import { type Kysely, sql } from 'kysely';

/* Suspicious transaction reports (any amount, with grounds) and their referral to public security. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('suspicious_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('institution', 'text', (c) => c.notNull().references('institution.credit_code'))
    .addColumn('subject_resident_id', 'text', (c) => c.notNull())
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('related_company', 'text')
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency in ('CNY', 'USD')`))
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('grounds', 'text', (c) => c.notNull().check(sql`char_length(grounds) between 20 and 4000`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('filed', 'referred', 'closed')`))
    .addColumn('identity_result', 'text')
    .addColumn('case_no', 'text')
    .addColumn('tax_findings', 'jsonb')
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('referred_at', 'timestamptz')
    .addCheckConstraint('suspicious_period', sql`period_from <= period_to`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('suspicious_report').execute();
}
