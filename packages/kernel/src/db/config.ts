import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where an app's data lives: PostgreSQL when a URL is given, otherwise an embedded PGlite data dir. */
export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      schema: string;
      poolSize?: number;
      /**
       * Apps that call each other while holding a transaction must not share a pool: with every connection
       * held by callers, the callees wait forever. Configs with the same `pool` name share one (tests do).
       */
      pool?: string;
      /**
       * Run the app's queries as its own role, `<schema>_app` (the default), which migrations grant
       * data access but no UPDATE, DELETE or TRUNCATE on the audit tables. `false` runs them as the
       * connecting user. Migrations always run as the connecting user, who owns the schema.
       */
      appRole?: boolean;
    }
  | { kind: 'pglite'; dataDir: string; schema: string };

/**
 * PGlite data dirs starting with this live in memory and are gone at exit
 * (tests). The rest of the string names the instance: `memory://suite-a` is
 * shared by everyone who asks for it in this process.
 */
export const IN_MEMORY = 'memory://';

/** The workspace root is where pnpm-workspace.yaml lives; falls back to `from`. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(resolve(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) return from;
    dir = parent;
  }
}

/** Where local state lives: `$EGOV_DATA_DIR`, or `<repo>/.data` (git-ignored); PGlite dirs and key files go below it. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.EGOV_DATA_DIR ?? resolve(findRepoRoot(), '.data');
}

/** The embedded default: `<data root>/pglite`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(dataRoot(env), 'pglite');
}

/**
 * Chooses the database from the environment: `DATABASE_URL` selects
 * PostgreSQL (one database, a schema per app), otherwise PGlite with a data
 * dir per app under the default data dir. PGlite is a single connection: an
 * app holding a transaction while it calls another app in the same process
 * would deadlock on a shared instance, so each app gets its own (as each app
 * gets its own database in the distributed mode).
 *
 * @example
 * const config = databaseConfigFromEnv('golden_shield');
 */
export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL, schema, pool: schema };
  return { kind: 'pglite', dataDir: resolve(defaultDataDir(env), schema), schema };
}

/** `golden-shield` -> `golden_shield`: a schema name Postgres accepts without quoting. */
export function schemaNameFor(appName: string): string {
  const name = appName.replace(/-/g, '_').toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a valid schema name: ${appName}`);
  return name;
}

/**
 * The role an app's queries run as on PostgreSQL: `golden_shield` -> `golden_shield_app`.
 * Migrations grant it what the app needs and withhold changes to the audit log.
 */
export function appRoleFor(schema: string): string {
  const role = `${schema}_app`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new Error(`schema ${schema} is too long to name its app role`);
  return role;
}
