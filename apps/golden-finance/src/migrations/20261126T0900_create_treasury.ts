import { type Kysely, type SelectQueryNode, sql, TableNode } from 'kysely';

/*
 * Golden Finance: budget units, appropriations, payments, treasury receipts,
 * the double-entry ledger and reconciliation runs. Frozen once merged: later
 * changes are new migrations.
 */

/** The schema this migration runs in: the app's (`golden_finance`, or a test's own). */
function schemaOf(db: Kysely<any>): string {
  // Kysely scopes builder queries, not raw SQL, to the schema; functions and triggers need the name.
  const node = db.selectFrom('budget_unit').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  if (!from || !TableNode.is(from) || !from.table.schema) throw new Error('migration must run with a schema');
  return from.table.schema.name;
}

const now = sql`now()`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_unit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[0-9]{6,12}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'char(18)', (c) => c.notNull().unique())
    .addColumn('division', 'char(6)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  // The chart of accounts. Per-unit accounts are opened when a unit is registered.
  await db.schema
    .createTable('account')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('asset', 'liability', 'revenue', 'expenditure')`),
    )
    .addColumn('budget_unit_id', 'uuid', (c) => c.references('budget_unit.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db
    .insertInto('account')
    .values([
      { code: 'tsa', name: '国库单一账户 treasury single account', type: 'asset' },
      { code: 'zba.finance', name: '财政零余额账户 finance department zero-balance account', type: 'asset' },
      { code: 'suspense', name: '待查收入 receipts in suspense', type: 'liability' },
      { code: 'revenue.customs-duty', name: '关税 customs duty', type: 'revenue' },
      { code: 'revenue.import-vat', name: '进口货物增值税 import VAT', type: 'revenue' },
      { code: 'revenue.consumption-tax', name: '消费税 consumption tax', type: 'revenue' },
      { code: 'revenue.domestic-vat', name: '国内增值税 domestic VAT', type: 'revenue' },
      { code: 'revenue.non-tax', name: '非税收入 non-tax revenue', type: 'revenue' },
    ])
    .execute();

  await db.schema
    .createTable('appropriation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('budget_unit_id', 'uuid', (c) => c.notNull().references('budget_unit.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull().check(sql`fiscal_year between 2000 and 2100`))
    .addColumn('economic_class', 'text', (c) => c.notNull())
    .addColumn('allocated', 'bigint', (c) => c.notNull().check(sql`allocated > 0`))
    .addColumn('committed', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'text', (c) => c.notNull())
    // The last line of defence: whatever a service does, committed money never exceeds the allocation.
    .addCheckConstraint('appropriation_within_allocation', sql`committed between 0 and allocated`)
    .addUniqueConstraint('appropriation_line', ['budget_unit_id', 'fiscal_year', 'economic_class'])
    .execute();

  await db.schema
    .createTable('journal')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('receipt', 'suspense_resolution', 'payment', 'clearing', 'adjustment')`),
    )
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    .addColumn('business_date', 'date', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_business_date_idx').on('journal').column('business_date').execute();
  await db.schema.createIndex('journal_reference_idx').on('journal').column('reference').execute();
  await db.schema
    .createTable('journal_line')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('journal_id', 'bigint', (c) => c.notNull().references('journal.id'))
    .addColumn('account_code', 'text', (c) => c.notNull().references('account.code'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('debit', 'credit')`))
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .execute();
  await db.schema.createIndex('journal_line_journal_idx').on('journal_line').column('journal_id').execute();
  await db.schema.createIndex('journal_line_account_idx').on('journal_line').column('account_code').execute();

  await db.schema
    .createTable('payment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('budget_unit_id', 'uuid', (c) => c.notNull().references('budget_unit.id'))
    .addColumn('appropriation_id', 'uuid', (c) => c.notNull().references('appropriation.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('direct', 'authorised')`))
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('payee_account', 'text', (c) => c.notNull())
    .addColumn('payee_bank', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('requested', 'approved', 'rejected', 'executed')`),
    )
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('executed_at', 'timestamptz')
    .addColumn('executed_by', 'text')
    .addColumn('business_date', 'date')
    .addCheckConstraint(
      'payment_executed_iff_dated',
      sql`(status = 'executed') = (executed_at is not null and business_date is not null)`,
    )
    .execute();
  await db.schema.createIndex('payment_appropriation_idx').on('payment').column('appropriation_id').execute();

  await db.schema
    .createTable('expected_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_reference', 'text', (c) => c.notNull())
    .addColumn('payer', 'char(18)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'matched')`))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('expected_item_source_reference', ['source', 'source_reference'])
    .execute();

  await db.schema
    .createTable('receipt')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_reference', 'text', (c) => c.notNull())
    .addColumn('payer', 'char(18)', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('business_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('matched', 'suspense')`))
    .addColumn('suspense_reason', 'text')
    .addColumn('expected_item_id', 'uuid', (c) => c.unique().references('expected_item.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text')
    // One receipt per source document: the natural idempotency key of treasury.receive.
    .addUniqueConstraint('receipt_source_reference', ['source', 'source_reference'])
    .addCheckConstraint(
      'receipt_matched_iff_item',
      sql`(status = 'matched') = (expected_item_id is not null)`,
    )
    .addCheckConstraint('receipt_suspense_has_reason', sql`status = 'matched' or suspense_reason is not null`)
    .execute();
  await db.schema
    .createIndex('receipt_status_idx')
    .on('receipt')
    .columns(['status', 'business_date'])
    .execute();

  await db.schema
    .createTable('reconciliation_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('balanced', 'boolean', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('run_by', 'text', (c) => c.notNull())
    .execute();

  const schema = schemaOf(db);
  const s = (name: string) => sql.id(schema, name);
  /*
   * Every journal balances, checked by the database at commit. A deferred
   * constraint trigger, not a row check: the lines of one journal arrive in
   * several rows, so the only moment the whole journal is known is commit.
   * The rules already refuse an unbalanced draft; this catches any write that
   * bypasses them (a bug, a hand-written SQL fix) and rolls the transaction
   * back. The table is found through tg_table_schema, so the body does not
   * depend on search_path.
   */
  await sql`
    create function ${s('journal_balanced')}() returns trigger language plpgsql as $$
    declare
      jid bigint;
      lines integer;
      debits numeric;
      credits numeric;
    begin
      if tg_table_name = 'journal' then jid := new.id; else jid := new.journal_id; end if;
      execute format(
        'select count(*), coalesce(sum(amount) filter (where side = ''debit''), 0),
                coalesce(sum(amount) filter (where side = ''credit''), 0)
           from %I.journal_line where journal_id = $1', tg_table_schema)
        into lines, debits, credits using jid;
      if lines < 2 or debits <> credits then
        raise exception 'journal % does not balance: % line(s), debits % fen, credits % fen',
          jid, lines, debits, credits using errcode = '23514';
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ['journal', 'journal_line']) {
    await sql`create constraint trigger ${sql.id(`${table}_balanced`)} after insert on ${s(table)}
      deferrable initially deferred for each row execute function ${s('journal_balanced')}()`.execute(db);
  }
  // Posted entries are never edited or removed: a correction is a new, reversing journal.
  await sql`
    create function ${s('ledger_append_only')}() returns trigger language plpgsql as $$
    begin
      raise exception 'ledger % is append-only: % refused; post a reversing journal', tg_table_name, tg_op
        using errcode = '42501';
    end $$`.execute(db);
  for (const table of ['journal', 'journal_line']) {
    await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${s(table)}
      for each row execute function ${s('ledger_append_only')}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${s(table)}
      for each statement execute function ${s('ledger_append_only')}()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const schema = schemaOf(db);
  const tables = [
    'reconciliation_run',
    'receipt',
    'expected_item',
    'payment',
    'journal_line',
    'journal',
    'appropriation',
    'account',
    'budget_unit',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
  for (const fn of ['journal_balanced', 'ledger_append_only']) {
    await sql`drop function ${sql.id(schema, fn)}()`.execute(db);
  }
}
