import { type Kysely, sql } from 'kysely';

/*
 * Customs clearance: importers, declarations and their lines, the serials
 * that number declarations, treasury receipts per tax, inspections.
 * Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('importer')
    .addColumn('credit_code', 'char(18)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('aeo_class', 'text', (c) => c.check(sql`aeo_class in ('advanced', 'general')`))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .execute();

  const money = (name: string) => sql`${sql.ref(name)} >= 0`;
  await db.schema
    .createTable('declaration')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('declaration_no', 'char(18)', (c) => c.notNull().unique())
    .addColumn('importer_credit_code', 'char(18)', (c) => c.notNull())
    .addColumn('declarant_reference', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted', 'paid', 'released')`))
    .addColumn('lane', 'text', (c) => c.notNull().check(sql`lane in ('red', 'yellow', 'blue', 'green')`))
    .addColumn('lane_reasons', 'jsonb', (c) => c.notNull())
    .addColumn('customs_value_fen', 'bigint', (c) => c.notNull().check(money('customs_value_fen')))
    .addColumn('duty_fen', 'bigint', (c) => c.notNull().check(money('duty_fen')))
    .addColumn('consumption_tax_fen', 'bigint', (c) => c.notNull().check(money('consumption_tax_fen')))
    .addColumn('vat_fen', 'bigint', (c) => c.notNull().check(money('vat_fen')))
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'timestamptz')
    .addColumn('paid_by', 'text')
    .addColumn('released_at', 'timestamptz')
    .addColumn('released_by', 'text')
    .addColumn('vat_certificate_no', 'text', (c) => c.unique())
    .addCheckConstraint('declaration_total_is_sum', sql`total_fen = duty_fen + consumption_tax_fen + vat_fen`)
    // No half-recorded states: paid iff a payment time, released iff a release time, released only once paid.
    .addCheckConstraint(
      'declaration_paid_iff_paid_at',
      sql`(status in ('paid', 'released')) = (paid_at is not null and paid_by is not null)`,
    )
    .addCheckConstraint(
      'declaration_released_iff_released_at',
      sql`(status = 'released') = (released_at is not null and released_by is not null)`,
    )
    .addUniqueConstraint('declaration_reference_per_importer', [
      'importer_credit_code',
      'declarant_reference',
    ])
    .execute();
  // The lane rules count an importer's earlier declarations.
  await db.schema
    .createIndex('declaration_importer_idx')
    .on('declaration')
    .columns(['importer_credit_code', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('declaration_line')
    .addColumn('declaration_id', 'uuid', (c) => c.notNull().references('declaration.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull().check(sql`line_no between 1 and 50`))
    .addColumn('commodity_code', 'char(10)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('incoterm', 'text', (c) => c.notNull().check(sql`incoterm in ('CIF', 'FOB', 'CFR')`))
    .addColumn('value_minor', 'bigint', (c) => c.notNull().check(sql`value_minor > 0`))
    .addColumn('freight_minor', 'bigint', (c) => c.check(sql`freight_minor >= 0`))
    .addColumn('insurance_minor', 'bigint', (c) => c.check(sql`insurance_minor >= 0`))
    .addColumn('insurance_derived', 'boolean', (c) => c.notNull())
    .addColumn('rate_cny', 'text', (c) => c.notNull())
    .addColumn('rate_per', 'integer', (c) => c.notNull().check(sql`rate_per in (1, 100)`))
    .addColumn('rate_source', 'text', (c) => c.notNull().check(sql`rate_source in ('declared', 'customs')`))
    .addColumn('rate_month', 'text')
    .addColumn('customs_value_fen', 'bigint', (c) => c.notNull().check(money('customs_value_fen')))
    .addColumn('duty_rate', 'text', (c) => c.notNull())
    .addColumn('duty_fen', 'bigint', (c) => c.notNull().check(money('duty_fen')))
    .addColumn('consumption_tax_rate', 'text', (c) => c.notNull())
    .addColumn('consumption_tax_fen', 'bigint', (c) => c.notNull().check(money('consumption_tax_fen')))
    .addColumn('vat_rate', 'text', (c) => c.notNull())
    .addColumn('vat_fen', 'bigint', (c) => c.notNull().check(money('vat_fen')))
    .addColumn('ccc_required', 'boolean', (c) => c.notNull())
    .addColumn('ccc_certificate_no', 'text')
    .addPrimaryKeyConstraint('declaration_line_pk', ['declaration_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('declaration_sequence')
    .addColumn('office', 'char(4)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull().check(sql`last_serial between 1 and 999999999`))
    .addPrimaryKeyConstraint('declaration_sequence_pk', ['office', 'year'])
    .execute();

  await db.schema
    .createTable('declaration_payment')
    .addColumn('declaration_id', 'uuid', (c) => c.notNull().references('declaration.id'))
    .addColumn('tax', 'text', (c) =>
      c.notNull().check(sql`tax in ('customs-duty', 'consumption-tax', 'import-vat')`),
    )
    .addColumn('source_reference', 'text', (c) => c.notNull().unique())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('receipt_id', 'uuid', (c) => c.notNull())
    .addColumn('receipt_status', 'text', (c) =>
      c.notNull().check(sql`receipt_status in ('matched', 'suspense')`),
    )
    .addColumn('business_date', 'date', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('declaration_payment_pk', ['declaration_id', 'tax'])
    .execute();

  await db.schema
    .createTable('inspection')
    .addColumn('declaration_id', 'uuid', (c) => c.primaryKey().references('declaration.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('physical', 'documents')`))
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('pass', 'fail')`))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('inspected_at', 'timestamptz', (c) => c.notNull())
    .addColumn('inspected_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'inspection',
    'declaration_payment',
    'declaration_sequence',
    'declaration_line',
    'declaration',
    'importer',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
