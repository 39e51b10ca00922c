import { type Kysely, sql } from 'kysely';

/**
 * Object-level scopes (issue 12 item 9): which owned objects an official may
 * act on, by kind (`budget-unit` → `201001`; `*` for every object of the
 * kind). Issued in the official's access token as `scopes`; apps check them
 * with `ctx.scope.require(kind, id)`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('official_scope')
    .addColumn('official_id', 'uuid', (c) => c.notNull().references('official.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind ~ '^[a-z][a-z0-9-]{0,63}$'`))
    .addColumn('object_id', 'text', (c) =>
      c.notNull().check(sql`object_id ~ '^([A-Za-z0-9._:-]{1,128}|\\*)$'`),
    )
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('official_scope_pk', ['official_id', 'kind', 'object_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('official_scope').execute();
}
