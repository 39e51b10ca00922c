import { type Kysely, type SelectQueryNode, sql, TableNode } from 'kysely';

/** The schema this migration runs in: Kysely scopes builder queries, not raw SQL, to it. */
function schemaOf(db: Kysely<any>): string {
  const node = db.selectFrom('indicator').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  if (!from || !TableNode.is(from) || !from.table.schema) throw new Error('migration must run with a schema');
  return from.table.schema.name;
}

/*
 * The macroeconomic base database (S3.2): indicators, the datasets that brought figures in through the
 * exchange, observations kept in every revision, the head (current revision) of each figure, derived
 * figures with the observations they came from, and the release calendar.
 * Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[A-Z]{2,4}(-[A-Z0-9]{2,8}){1,3}$'`))
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) =>
      c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'annual')`),
    )
    .addColumn('source_resource', 'text', (c) => c.notNull())
    .addColumn('source_measure', 'text', (c) => c.notNull())
    .addColumn('parent', 'text', (c) => c.references('indicator.code'))
    .addColumn('index_base', 'date')
    .addColumn('defined_by', 'text', (c) => c.notNull())
    .addColumn('defined_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('indicator_source_measure', ['source_resource', 'source_measure'])
    .execute();

  await db.schema
    .createTable('subscription')
    .addColumn('resource_id', 'text', (c) => c.primaryKey())
    .addColumn('owner_app', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dataset')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('owner_app', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('trace_id', 'text', (c) => c.notNull())
    .addColumn('fetched_by', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('observation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('indicator', 'text', (c) => c.notNull().references('indicator.code'))
    .addColumn('region', 'text', (c) => c.notNull().check(sql`region ~ '^[0-9]{6}$'`))
    // '' is all industries; otherwise a GB/T 4754-2017 section letter or two-digit division.
    .addColumn('industry', 'text', (c) => c.notNull().check(sql`industry ~ '^([A-T]|[0-9]{2})?$'`))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('dataset_id', 'bigint', (c) => c.references('dataset.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('observation_revision', [
      'indicator',
      'region',
      'industry',
      'period_start',
      'revision',
    ])
    .execute();
  // A revision never overwrites an earlier release: observations are insert-only, for everyone.
  const s = (name: string) => sql.id(schemaOf(db), name);
  await sql`create function ${s('observation_immutable')}() returns trigger language plpgsql as $$
    begin raise exception 'observations are kept in every revision: % is refused', tg_op; end $$`.execute(db);
  await sql`create trigger observation_insert_only before update or delete on ${s('observation')}
    for each row execute function ${s('observation_immutable')}()`.execute(db);
  await sql`create trigger observation_no_truncate before truncate on ${s('observation')}
    for each statement execute function ${s('observation_immutable')}()`.execute(db);

  await db.schema
    .createTable('observation_head')
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('observation_id', 'bigint', (c) => c.notNull().references('observation.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('observation_head_pk', ['indicator', 'region', 'industry', 'period_start'])
    .execute();

  await db.schema
    .createTable('derived_figure')
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('measure', 'text', (c) =>
      c.notNull().check(sql`measure in ('yoy', 'pop', 'index', 'cum_yoy', 'share')`),
    )
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('inputs', sql`bigint[]`, (c) => c.notNull().check(sql`cardinality(inputs) >= 2`))
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('derived_figure_pk', [
      'indicator',
      'region',
      'industry',
      'period_start',
      'measure',
    ])
    .execute();

  await db.schema
    .createTable('release')
    .addColumn('indicator', 'text', (c) => c.notNull().references('indicator.code'))
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('release_at', 'timestamptz', (c) => c.notNull())
    .addColumn('announced_by', 'text', (c) => c.notNull())
    .addColumn('announced_at', 'timestamptz', (c) => c.notNull().check(sql`announced_at < release_at`))
    .addPrimaryKeyConstraint('release_pk', ['indicator', 'period_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'release',
    'derived_figure',
    'observation_head',
    'observation',
    'dataset',
    'subscription',
    'indicator',
  ])
    await db.schema.dropTable(table).execute();
  await sql`drop function ${sql.id(schemaOf(db), 'observation_immutable')}()`.execute(db);
}
