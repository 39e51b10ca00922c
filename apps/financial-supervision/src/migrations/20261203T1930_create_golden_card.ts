import { type Kysely, type SelectQueryNode, sql, TableNode } from 'kysely';

/** The schema the migration runs in (Kysely scopes builder queries to it, not raw SQL). */
function schemaOf(db: Kysely<any>): string {
  const node = db.selectFrom('bin_range').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  if (!from || !TableNode.is(from) || !from.table.schema) throw new Error('migration must run with a schema');
  return from.table.schema.name;
}

/* Golden Card: issuers' BIN ranges (never overlapping) and the bank-card registry. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bin_range')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('institution', 'text', (c) => c.notNull().references('institution.credit_code'))
    .addColumn('bin_from', 'integer', (c) => c.notNull().check(sql`bin_from between 100000 and 999999`))
    .addColumn('bin_to', 'integer', (c) => c.notNull().check(sql`bin_to between 100000 and 999999`))
    .addColumn('card_length', 'smallint', (c) => c.notNull().check(sql`card_length between 16 and 19`))
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('bin_range_order', sql`bin_from <= bin_to`)
    .execute();
  // One issuer per BIN: ranges never overlap, whatever the concurrency (a GiST exclusion constraint).
  await sql`alter table ${sql.id(schemaOf(db), 'bin_range')} add constraint bin_range_no_overlap
    exclude using gist (int4range(bin_from, bin_to, '[]') with &&)`.execute(db);
  await db.schema
    .createTable('bank_card')
    .addColumn('pan', 'text', (c) => c.primaryKey().check(sql`pan ~ '^[0-9]{16,19}$'`))
    .addColumn('institution', 'text', (c) => c.notNull().references('institution.credit_code'))
    .addColumn('bin_range_id', 'integer', (c) => c.notNull().references('bin_range.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('active', 'frozen', 'lost', 'cancelled')`),
    )
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status_changed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bank_card').execute();
  await db.schema.dropTable('bin_range').execute();
}
