import { type Kysely, sql } from 'kysely';

/* Notices; a notice's number is made from its serial. Frozen once merged: later changes are new migrations. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notice')
    .addColumn('serial', 'bigserial', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 100`))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 5000`))
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notice').execute();
}
