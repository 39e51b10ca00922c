import { type Kysely, type RawBuilder, type SelectQueryNode, sql, TableNode } from 'kysely';

/**
 * The schema Kysely scopes this database's builder queries to (the app's, or a test's own), or
 * undefined for a database used without one.
 */
export function schemaOf(db: Kysely<any>): string | undefined {
  const node = db.selectFrom('indicator').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  return from && TableNode.is(from) ? from.table.schema?.name : undefined;
}

/**
 * Kysely scopes builder queries, not raw SQL, to the app's schema: raw statements name tables through
 * this, schema-qualified.
 *
 * @example
 * const t = tablesOf(db);
 * await sql`select count(*) from ${t('observation')}`.execute(db);
 */
export function tablesOf(db: Kysely<any>): (name: string) => RawBuilder<unknown> {
  const schema = schemaOf(db);
  return (name) => sql.table(schema ? `${schema}.${name}` : name) as unknown as RawBuilder<unknown>;
}
