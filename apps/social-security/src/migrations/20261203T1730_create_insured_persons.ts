import { type Kysely, sql } from 'kysely';

/* Insured persons, one per resident ID. Frozen once merged: later changes are new migrations. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('insured_person')
    .addColumn('uuid', 'uuid', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) =>
      c.notNull().unique().check(sql`resident_id ~ '^[0-9]{17}[0-9X]$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 50`))
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male', 'female')`))
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('enrolled_by', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('insured_person').execute();
}
