import { type Kysely, sql } from 'kysely';
import type { DatabaseConfig } from './config.ts';
import { acquireEngine, releaseEngine } from './engine.ts';
import { type Migrations, migrateToLatest, pendingMigrations } from './migrations.ts';

/** One app's view of the database: its own schema, its own migrations. */
export interface AppDatabase<DB> {
  /** Kysely scoped to the app's schema: unqualified tables resolve there. */
  readonly db: Kysely<DB>;
  readonly schema: string;
  readonly dialect: 'postgres' | 'pglite';
  migrate(migrations: Migrations): Promise<string[]>;
  pending(migrations: Migrations): Promise<string[]>;
  /** A trivial round trip, for readiness checks. */
  ping(): Promise<void>;
  /** Drops the schema and everything in it (tests only). */
  dropSchema(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens an app's database on PGlite or PostgreSQL and creates its schema.
 *
 * @example
 * const database = await createDatabase({ kind: 'pglite', dataDir: '.data/pglite', schema: 'golden_shield' });
 * await database.migrate(migrations);
 * await database.db.selectFrom('resident').selectAll().execute();
 */
export async function createDatabase<DB>(config: DatabaseConfig): Promise<AppDatabase<DB>> {
  const root = await acquireEngine(config);
  const { schema } = config;
  await sql`create schema if not exists ${sql.id(schema)}`.execute(root);
  const db = root.withSchema(schema) as Kysely<DB>;
  let closed = false;
  return {
    db,
    schema,
    dialect: config.kind,
    migrate: (migrations) => migrateToLatest(root.withSchema(schema), schema, migrations),
    pending: (migrations) => pendingMigrations(root.withSchema(schema), schema, migrations),
    ping: async () => {
      await sql`select 1`.execute(root);
    },
    dropSchema: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(root);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await releaseEngine(root);
    },
  };
}
