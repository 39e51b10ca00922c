import { type Kysely, sql } from 'kysely';

/*
 * Golden Tax: taxpayers, e-invoices with their lines, the serial counters
 * behind invoice numbers, monthly quota usage, deductible inputs (claimed
 * invoices and customs certificates), VAT returns and their payments.
 * Money is bigint fen. Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('taxpayer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('credit_code', 'char(18)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('general', 'small-scale')`))
    .addColumn('division', 'char(6)', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('monthly_quota_fen', 'bigint', (c) => c.notNull().check(sql`monthly_quota_fen >= 0`))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoice_serial')
    .addColumn('year', 'char(2)', (c) => c.notNull())
    .addColumn('bureau', 'char(2)', (c) => c.notNull())
    .addColumn('last_serial', 'bigint', (c) =>
      c.notNull().check(sql`last_serial between 1 and 999999999999999`),
    )
    .addPrimaryKeyConstraint('invoice_serial_pk', ['year', 'bureau'])
    .execute();

  await db.schema
    .createTable('quota_usage')
    .addColumn('taxpayer_id', 'uuid', (c) => c.notNull().references('taxpayer.id'))
    .addColumn('month', 'char(7)', (c) => c.notNull())
    .addColumn('used_fen', 'bigint', (c) => c.notNull().check(sql`used_fen >= 0`))
    .addPrimaryKeyConstraint('quota_usage_pk', ['taxpayer_id', 'month'])
    .execute();

  await db.schema
    .createTable('invoice')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'char(20)', (c) => c.notNull().unique().check(sql`number ~ '^[0-9]{20}$'`))
    .addColumn('seller_id', 'uuid', (c) => c.notNull().references('taxpayer.id'))
    .addColumn('seller_credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('seller_name', 'text', (c) => c.notNull())
    .addColumn('buyer_credit_code', 'char(18)')
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'date', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('tax_fen', 'bigint', (c) => c.notNull().check(sql`tax_fen >= 0`))
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('issued', 'voided')`))
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('voided_at', 'timestamptz')
    .addColumn('voided_by', 'text')
    .addColumn('void_reason', 'text')
    .addCheckConstraint('invoice_total_is_sum', sql`total_fen = amount_fen + tax_fen`)
    .addCheckConstraint(
      'invoice_voided_iff_recorded',
      sql`(status = 'voided') = (voided_at is not null and voided_by is not null)`,
    )
    .execute();
  // Returns sum a seller's month; buyers' claims look invoices up by number (unique above).
  await db.schema
    .createIndex('invoice_seller_day_idx')
    .on('invoice')
    .columns(['seller_id', 'issued_on'])
    .execute();

  await db.schema
    .createTable('invoice_line')
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('invoice.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull().check(sql`line_no >= 1`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull().check(sql`quantity ~ '^[0-9]+([.][0-9]+)?$'`))
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull().check(sql`unit_price_fen > 0`))
    .addColumn('rate', 'text', (c) => c.notNull().check(sql`rate ~ '^0([.][0-9]+)?$'`))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('tax_fen', 'bigint', (c) => c.notNull().check(sql`tax_fen >= 0`))
    .addPrimaryKeyConstraint('invoice_line_pk', ['invoice_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('input_credit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('invoice', 'customs')`))
    .addColumn('invoice_id', 'uuid', (c) => c.unique().references('invoice.id'))
    .addColumn('certificate_no', 'text', (c) => c.unique())
    .addColumn('declaration_id', 'text')
    .addColumn('tax_fen', 'bigint', (c) => c.notNull().check(sql`tax_fen >= 0`))
    .addColumn('period', 'char(7)', (c) => c.notNull())
    .addColumn('evidence_date', 'date', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    // An input is exactly one of: a claimed invoice, or a customs certificate with its declaration.
    .addCheckConstraint(
      'input_credit_one_source',
      sql`(source = 'invoice' and invoice_id is not null and certificate_no is null)
        or (source = 'customs' and invoice_id is null and certificate_no is not null and declaration_id is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('input_credit_taxpayer_period_idx')
    .on('input_credit')
    .columns(['credit_code', 'period'])
    .execute();

  await db.schema
    .createTable('vat_return')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('taxpayer_id', 'uuid', (c) => c.notNull().references('taxpayer.id'))
    .addColumn('credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('period', 'char(7)', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('general', 'small-scale')`))
    .addColumn('output_tax_fen', 'bigint', (c) => c.notNull().check(sql`output_tax_fen >= 0`))
    .addColumn('input_tax_fen', 'bigint', (c) => c.notNull().check(sql`input_tax_fen >= 0`))
    .addColumn('credit_brought_forward_fen', 'bigint', (c) =>
      c.notNull().check(sql`credit_brought_forward_fen >= 0`),
    )
    .addColumn('payable_fen', 'bigint', (c) => c.notNull().check(sql`payable_fen >= 0`))
    .addColumn('credit_carried_forward_fen', 'bigint', (c) =>
      c.notNull().check(sql`credit_carried_forward_fen >= 0`),
    )
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('vat_return_one_per_period', ['taxpayer_id', 'period'])
    // The arithmetic of every return, whatever wrote it.
    .addCheckConstraint(
      'vat_return_balances',
      sql`payable_fen - credit_carried_forward_fen = output_tax_fen - input_tax_fen - credit_brought_forward_fen
        and (payable_fen = 0 or credit_carried_forward_fen = 0)`,
    )
    .execute();
  await db.schema
    .createIndex('vat_return_credit_code_idx')
    .on('vat_return')
    .columns(['credit_code', 'period'])
    .execute();

  await db.schema
    .createTable('payment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('return_id', 'uuid', (c) => c.notNull().unique().references('vat_return.id'))
    .addColumn('credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('due', 'paid')`))
    .addColumn('treasury_receipt', 'text')
    .addColumn('paid_at', 'timestamptz')
    // Paid exactly when the treasury's receipt is recorded: no payment without a receipt.
    .addCheckConstraint(
      'payment_paid_iff_receipt',
      sql`(status = 'paid') = (treasury_receipt is not null and paid_at is not null)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'payment',
    'vat_return',
    'input_credit',
    'invoice_line',
    'invoice',
    'quota_usage',
    'invoice_serial',
    'taxpayer',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
