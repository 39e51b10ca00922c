import { type Kysely, type RawBuilder, type SelectQueryNode, sql, TableNode } from 'kysely';

/**
 * A table of the app's schema for raw SQL: Kysely scopes builder queries to
 * the schema (its WithSchemaPlugin), not raw SQL, and connections carry no
 * search_path, so raw statements name the schema themselves.
 *
 * @example
 * sql`insert into ${table(db, 'daily_total')} ...`
 */
export function table(db: Kysely<any>, name: string): RawBuilder<unknown> {
  const node = db.selectFrom(name).selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  const schema = from && TableNode.is(from) ? from.table.schema?.name : undefined;
  return schema ? sql`${sql.id(schema, name)}` : sql`${sql.id(name)}`;
}
