import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { type DatabaseConfig, IN_MEMORY } from './config.ts';

/**
 * One engine per data dir or URL, shared by every app in the process. PGlite
 * is a single connection: two Kysely instances over one PGlite would
 * interleave each other's transactions, so there is exactly one dialect (whose
 * driver queues connection use) per PGlite, and apps get schema-scoped views
 * of it. Reference-counted so the last app to close closes the engine.
 */
interface Engine {
  root: Kysely<any>;
  users: number;
}

const engines = new Map<string, Promise<Engine>>();

function keyOf(config: EngineConfig): string {
  return config.kind === 'postgres'
    ? `pg:${config.url}#${config.pool ?? 'shared'}${'role' in config && config.role ? `#${config.role}` : ''}`
    : `pglite:${config.dataDir}`;
}

/** What an engine is opened with: a PostgreSQL connection may run as a role other than its login. */
export type EngineConfig =
  | DatabaseConfig
  | (Extract<DatabaseConfig, { kind: 'postgres' }> & { role?: string });

async function openEngine(config: EngineConfig): Promise<Engine> {
  if (config.kind === 'postgres') {
    // `-c role=` at connection start: every query on the pool runs as that role (SET ROLE, session-wide).
    const options = 'role' in config && config.role ? `-c role=${config.role}` : undefined;
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, options });
    // An idle connection that the server ends (restart, failover, admin) must not crash the process:
    // the pool drops it and opens a new one on the next query.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    return { root: new Kysely<any>({ dialect: new PostgresDialect({ pool }) }), users: 0 };
  }
  const inMemory = config.dataDir.startsWith(IN_MEMORY);
  if (!inMemory) mkdirSync(config.dataDir, { recursive: true });
  const client = await PGlite.create(inMemory ? undefined : config.dataDir);
  return { root: new Kysely<any>({ dialect: new PGliteDialect(client) }), users: 0 };
}

export async function acquireEngine(config: EngineConfig): Promise<Kysely<any>> {
  const key = keyOf(config);
  let pending = engines.get(key);
  if (!pending) {
    pending = openEngine(config);
    engines.set(key, pending);
    pending.catch(() => engines.delete(key));
  }
  const engine = await pending;
  engine.users += 1;
  releasers.set(engine.root, async () => {
    engine.users -= 1;
    if (engine.users > 0) return;
    engines.delete(key);
    releasers.delete(engine.root);
    await engine.root.destroy();
  });
  return engine.root;
}

const releasers = new Map<Kysely<any>, () => Promise<void>>();

export async function releaseEngine(root: Kysely<any>): Promise<void> {
  await releasers.get(root)?.();
}
