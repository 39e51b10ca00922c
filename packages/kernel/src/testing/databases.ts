import { randomBytes } from 'node:crypto';
import { type AppDatabase, createDatabase, type DatabaseConfig, IN_MEMORY } from '../db/index.ts';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** `instance` names the PGlite instance (one per app in a test file, as in the embedded mode). */
  config(schema: string, instance?: string): DatabaseConfig;
}

/**
 * The databases every database suite runs on: PGlite always, PostgreSQL when
 * `DATABASE_URL` is set. In CI (`CI=true`) a missing `DATABASE_URL` is an
 * error, so the PostgreSQL suites fail rather than silently skip.
 *
 * @example
 * describe.each(databaseTargets())('residents on $name', (target) => { ... });
 */
export function databaseTargets(env: NodeJS.ProcessEnv = process.env): DatabaseTarget[] {
  // One in-memory PGlite per app per test file (worker), shared by its suites; each suite gets its own schema.
  const pglite: DatabaseTarget = {
    name: 'pglite',
    config: (schema, instance = 'default') => ({
      kind: 'pglite',
      dataDir: `${IN_MEMORY}tests-${process.pid}-${instance}`,
      schema,
    }),
  };
  const url = env.DATABASE_URL;
  if (!url) {
    if (env.CI === 'true' || env.CI === '1') {
      throw new Error('CI must set DATABASE_URL: the PostgreSQL suites may not be skipped');
    }
    return [pglite];
  }
  return [pglite, { name: 'postgres', config: (schema) => ({ kind: 'postgres', url, schema, poolSize: 5 }) }];
}

/** A schema name no other suite uses: `golden_shield_t3f9a1c`. */
export function uniqueSchema(prefix: string): string {
  return `${prefix.replace(/-/g, '_')}_t${randomBytes(4).toString('hex')}`;
}

/** A fresh, empty schema on `target`; drop it with `dropFresh`. */
export async function freshDatabase<DB>(target: DatabaseTarget, prefix: string): Promise<AppDatabase<DB>> {
  return createDatabase<DB>(target.config(uniqueSchema(prefix), prefix));
}

export async function dropFresh(database: AppDatabase<any>): Promise<void> {
  await database.dropSchema();
  await database.close();
}
