import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot, type EmbeddedServer, processAlive as alive, startEmbeddedServer } from '@egov/kernel/db';

/**
 * Vitest global setup for the whole run: with `DATABASE_URL` set (CI, or a
 * developer's own server) the suites use it; unset, one embedded PostgreSQL
 * serves the run under `<data root>/test-postgres` (initialised once, then
 * about 0.4 s to start) and `DATABASE_URL` points at it for every worker.
 * Each suite still gets a schema of its own, so two runs at once (a watch
 * run and a one-off file, say) share the server: each registers itself under
 * `test-postgres.runs/`, and the last one to finish stops it. In CI a
 * missing `DATABASE_URL` is an error: the CI run must test the server it was given.
 */
let server: EmbeddedServer | undefined;
const runs = join(dataRoot(), 'test-postgres.runs');

export async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error('CI must set DATABASE_URL: the PostgreSQL suites may not run on anything else');
  mkdirSync(runs, { recursive: true });
  writeFileSync(join(runs, String(process.pid)), '');
  server = await startEmbeddedServer({
    dataDir: join(dataRoot(), 'test-postgres'),
    // Any free port: a running `egov start` keeps its own server on the default one.
    port: 0,
    database: 'egov_test',
    log: (line) => console.log(`[test database] ${line}`),
  });
  // Workers are forked after global setup and inherit this environment.
  process.env.DATABASE_URL = server.url;
}

export async function teardown(): Promise<void> {
  if (!server) return;
  rmSync(join(runs, String(process.pid)), { force: true });
  const others = readdirSync(runs).filter((name) => alive(Number(name)));
  if (others.length === 0) await server.stop();
}
