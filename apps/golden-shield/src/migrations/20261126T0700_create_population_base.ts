import { type Kysely, sql } from 'kysely';

/*
 * The population base: residents, their household moves and deaths, the
 * counters that issue resident IDs, and the identity-verification log.
 * Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resident')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('resident_id', 'char(18)', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 50`))
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male', 'female')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('birth_division', 'char(6)', (c) => c.notNull())
    .addColumn('household_division', 'char(6)', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('alive').check(sql`status in ('alive', 'dead')`),
    )
    .addColumn('died_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    // A dead resident has a date of death and a living one has none: no half-recorded deaths.
    .addCheckConstraint('resident_died_on_iff_dead', sql`(status = 'dead') = (died_on is not null)`)
    .execute();
  // The seed finds its demo residents by these; registrars will search by them too.
  await db.schema
    .createIndex('resident_name_birth_idx')
    .on('resident')
    .columns(['name', 'birth_date', 'birth_division'])
    .execute();

  await db.schema
    .createTable('household_move')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('resident_uuid', 'uuid', (c) => c.notNull().references('resident.id'))
    .addColumn('from_division', 'char(6)', (c) => c.notNull())
    .addColumn('to_division', 'char(6)', (c) => c.notNull())
    .addColumn('moved_on', 'date', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addCheckConstraint('household_move_changes_division', sql`from_division <> to_division`)
    .execute();
  await db.schema
    .createIndex('household_move_resident_idx')
    .on('household_move')
    .columns(['resident_uuid', 'moved_on'])
    .execute();

  await db.schema
    .createTable('death')
    .addColumn('resident_uuid', 'uuid', (c) => c.primaryKey().references('resident.id'))
    .addColumn('died_on', 'date', (c) => c.notNull())
    .addColumn('place_division', 'char(6)', (c) => c.notNull())
    .addColumn('certificate_no', 'text', (c) => c.notNull().unique())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('id_sequence')
    .addColumn('division', 'char(6)', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male', 'female')`))
    .addColumn('last_sequence', 'integer', (c) => c.notNull().check(sql`last_sequence between 1 and 999`))
    .addPrimaryKeyConstraint('id_sequence_pk', ['division', 'birth_date', 'sex'])
    .execute();

  await db.schema
    .createTable('verification_log')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('caller', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) =>
      c.notNull().check(sql`result in ('match', 'mismatch', 'not_on_file')`),
    )
    .addColumn('resident_uuid', 'uuid', (c) => c.references('resident.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['verification_log', 'id_sequence', 'death', 'household_move', 'resident']) {
    await db.schema.dropTable(table).execute();
  }
}
