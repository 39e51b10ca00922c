import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';

/**
 * One pool per URL, pool name and role, shared by every app in the process
 * that asks for the same one (tests share; `egov start` gives each app its
 * own). Reference-counted so the last app to close closes the pool.
 */
interface Engine {
  root: Kysely<any>;
  users: number;
}

const engines = new Map<string, Promise<Engine>>();

/** What an engine is opened with: a PostgreSQL connection may run as a role other than its login. */
export type EngineConfig = DatabaseConfig & { role?: string };

function keyOf(config: EngineConfig): string {
  return `pg:${config.url}#${config.pool ?? 'shared'}${config.role ? `#${config.role}` : ''}`;
}

async function openEngine(config: EngineConfig): Promise<Engine> {
  // `-c role=` at connection start: every query on the pool runs as that role (SET ROLE, session-wide).
  const options = config.role ? `-c role=${config.role}` : undefined;
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, options });
  // An idle connection that the server ends (restart, failover, admin) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
  // A connection checked out (a transaction waiting on another app, a held step) has no pool listener:
  // if the server goes then, its 'error' event would be unhandled and end the process before the
  // launcher can say what happened. Its query fails instead, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return { root: new Kysely<any>({ dialect: new PostgresDialect({ pool }) }), users: 0 };
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
