import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type AppDatabase, createDatabase, type DatabaseConfig } from '../db/index.ts';

export interface DatabaseTarget {
  name: 'postgres';
  config(schema: string): DatabaseConfig;
}

/**
 * The database every database suite runs on: PostgreSQL at `DATABASE_URL`,
 * which the test run's global setup (`@egov/testing/global-setup`) points at
 * the embedded server when it is unset. A list, so suites read
 * `describe.each(databaseTargets())` and name the engine they ran on.
 *
 * @example
 * describe.each(databaseTargets())('residents on $name', (target) => { ... });
 */
export function databaseTargets(env: NodeJS.ProcessEnv = process.env): DatabaseTarget[] {
  const url = env.DATABASE_URL;
  if (!url)
    throw new Error(
      'DATABASE_URL is not set: run tests through vitest from the repository root (its global setup starts the embedded PostgreSQL)',
    );
  return [{ name: 'postgres', config: (schema) => ({ kind: 'postgres', url, schema, poolSize: 5 }) }];
}

/** A schema name no other suite uses: `golden_shield_t3f9a1c`. */
export function uniqueSchema(prefix: string): string {
  return `${prefix.replace(/-/g, '_')}_t${randomBytes(4).toString('hex')}`;
}

/** A fresh, empty schema on `target`; drop it with `dropFresh`. */
export async function freshDatabase<DB>(target: DatabaseTarget, prefix: string): Promise<AppDatabase<DB>> {
  return createDatabase<DB>(target.config(uniqueSchema(prefix)));
}

export async function dropFresh(database: AppDatabase<any>): Promise<void> {
  await database.dropSchema();
  await database.close();
}

/**
 * A database of its own on the test server, for tests that launch apps on
 * their fixed schemas (the launcher, the CLI, the flows): no earlier run's or
 * other file's state can leak in. `drop()` removes it.
 *
 * @example
 * const database = await freshDatabaseUrl();
 * const launched = await launchEmbedded({ env: { DATABASE_URL: database.url }, ... });
 * await database.drop();
 */
export async function freshDatabaseUrl(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; drop(): Promise<void> }> {
  const [target] = databaseTargets(env);
  const base = new URL(target!.config('unused').url);
  const name = `egov_t${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base.href });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`drop database if exists ${name} with (force)`) };
}
