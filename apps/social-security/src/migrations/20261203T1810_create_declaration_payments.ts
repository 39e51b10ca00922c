import { type Kysely, sql } from 'kysely';

/* The payment of a declaration, with the late fee owed on it. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('declaration_payment')
    .addColumn('declaration_id', 'bigint', (c) => c.primaryKey().references('declaration.id'))
    .addColumn('contribution_fen', 'bigint', (c) => c.notNull().check(sql`contribution_fen >= 0`))
    .addColumn('late_fee_fen', 'bigint', (c) => c.notNull().check(sql`late_fee_fen >= 0`))
    .addColumn('days_late', 'integer', (c) => c.notNull().check(sql`days_late >= 0`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('paid_on', 'date', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('declaration_payment').execute();
}
