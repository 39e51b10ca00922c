import { type Kysely, sql } from 'kysely';

/* The registry of financial institutions, keyed by credit code. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institution')
    .addColumn('credit_code', 'text', (c) => c.primaryKey().check(sql`char_length(credit_code) = 18`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('bank', 'securities', 'insurance', 'trust', 'finance-company', 'payment-institution')`,
        ),
    )
    .addColumn('licence_no', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'revoked')`))
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_changed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('institution').execute();
}
