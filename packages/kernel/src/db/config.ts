import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where an app's data lives: a schema of a PostgreSQL database (the embedded server or `DATABASE_URL`). */
export interface DatabaseConfig {
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

/** Where local state lives: `$EGOV_DATA_DIR`, or `<repo>/.data` (git-ignored); the embedded server and key files go below it. */
export function dataRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.EGOV_DATA_DIR ?? resolve(findRepoRoot(), '.data');
}

/**
 * The app's database from the environment: `DATABASE_URL` (one database, a
 * schema per app; `egov start` sets it to the embedded server's). Each app
 * has its own pool: apps that call each other in one process while holding a
 * transaction would otherwise wait on each other's connections.
 *
 * @example
 * const config = databaseConfigFromEnv('golden_shield');
 */
export function databaseConfigFromEnv(schema: string, env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (!env.DATABASE_URL)
    throw new Error(
      'DATABASE_URL is not set: run `pnpm egov start` (it starts the embedded PostgreSQL), ' +
        'or `pnpm egov db start` for a lone app, or point DATABASE_URL at a PostgreSQL server',
    );
  return { kind: 'postgres', url: env.DATABASE_URL, schema, pool: schema };
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
