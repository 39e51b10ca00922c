import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';

/**
 * An app's migrations, keyed by a timestamped name so they sort in the order
 * they were written: `20261126T0700_create_resident`. Frozen once merged.
 */
export type Migrations = Record<string, Migration>;

const namePattern = /^\d{8}T\d{4,6}_[a-z0-9_]+$/;

export function assertMigrationNames(migrations: Migrations): void {
  for (const name of Object.keys(migrations)) {
    if (!namePattern.test(name)) {
      throw new Error(`migration name "${name}" must look like 20261126T0700_snake_case`);
    }
  }
}

/**
 * Kysely's Migrator asks `db.introspection.getTables()` whether its own tables
 * exist, which reads every table of every schema in the database: slow, and on
 * a shared PostgreSQL it fails when another schema is dropped meanwhile
 * ("schema x does not exist"). This view answers for the app's schema only.
 */
function schemaOnlyIntrospection(db: Kysely<any>, schema: string): Kysely<any> {
  const introspection = {
    getSchemas: () => db.introspection.getSchemas(),
    getMetadata: () => db.introspection.getMetadata(),
    getTables: async () => {
      const rows = await sql<{
        name: string;
      }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
      return rows.rows.map((r) => ({ name: r.name, schema, isView: false, columns: [] }));
    },
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'introspection') return introspection;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function migratorFor(db: Kysely<any>, schema: string, migrations: Migrations): Migrator {
  return new Migrator({
    db: schemaOnlyIntrospection(db, schema),
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: schema,
    // An app's list merges the kernel's migrations (audit, outbox, inbox) with its own, two independent
    // timelines: a kernel migration dated before an app's latest must still run.
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  schema: string,
  migrations: Migrations,
): Promise<string[]> {
  assertMigrationNames(migrations);
  const { error, results } = await migratorFor(db, schema, migrations).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `migration ${failed} failed in schema ${schema}: ${String((error as Error).message ?? error)}`,
    );
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(
  db: Kysely<any>,
  schema: string,
  migrations: Migrations,
): Promise<string[]> {
  const all = await migratorFor(db, schema, migrations).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export type { MigrationResultSet };
