import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dataRoot, processAlive as alive } from '@egov/kernel/db';
import { demoAccounts } from '@egov/platform/provisioning';
import { DEFAULT_BASE_PORT } from '../embedded/apps.ts';
import { launchEmbedded } from '../embedded/launch.ts';
import { launchDistributed } from '../distributed/launch.ts';

/**
 * One `egov start` per data dir: a second one would find the first's
 * database and ports. A lock left by a launcher killed with SIGKILL names a
 * dead process and is taken over.
 */
export function takeLock(root: string): () => void {
  mkdirSync(root, { recursive: true });
  const file = join(root, 'egov-start.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid))
      throw new Error(
        `another egov start (pid ${pid}) is running on ${root}: stop it first (Ctrl-C in its terminal, or kill ${pid}), ` +
          'or give this one its own EGOV_DATA_DIR and EGOV_BASE_PORT',
      );
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

/**
 * `egov start [--app NAME ...]`: the platform and every app (or the named apps
 * and the apps they call) in one process, on the embedded PostgreSQL (or
 * `DATABASE_URL`), demo data seeded once. Ctrl-C (SIGINT) or SIGTERM drains
 * the apps, then stops the database server.
 */
export async function start(args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { app: { type: 'string', multiple: true }, distributed: { type: 'boolean', default: false } },
  });
  const basePort = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  if (values.distributed) return startDistributed(basePort, values.app ?? [], env);
  const started = Date.now();
  const release = takeLock(dataRoot(env));
  let launched: Awaited<ReturnType<typeof launchEmbedded>>;
  try {
    launched = await launchEmbedded({
      basePort,
      seed: env.EGOV_SEED !== 'false',
      env,
      only: values.app ?? [],
      progress: (line) => console.log(`egov: ${line}`),
    });
  } catch (error) {
    release();
    throw error;
  }
  for (const { serving } of launched.apps) console.log(`  ${serving.name.padEnd(16)} ${serving.url}`);
  const database = launched.server
    ? `the embedded PostgreSQL (${launched.server.dataDir}, port ${launched.server.port})`
    : 'PostgreSQL at DATABASE_URL';
  console.log(`egov: ${launched.apps.length} apps ready in ${Date.now() - started} ms on ${database}`);
  console.log(`demo accounts: ${demoAccounts.map((a) => `${a.username} / ${a.password}`).join(', ')}`);

  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`egov: ${signal}, draining and stopping`);
    await launched.stop();
    release();
    console.log('egov: stopped');
    process.exit(code);
  };
  launched.server?.onUnexpectedExit((message) => {
    console.error(`egov: ${message}`);
    void shutdown('database gone', 1);
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** `egov start --distributed`: every app in its own process and database, events over NATS JetStream. */
async function startDistributed(basePort: number, only: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  const release = takeLock(dataRoot(env));
  let launched: Awaited<ReturnType<typeof launchDistributed>>;
  try {
    launched = await launchDistributed({ basePort, env, only, progress: (line) => console.log(`  ${line}`) });
  } catch (error) {
    release();
    throw error;
  }
  console.log(
    `egov: ${launched.apps.length} apps ready in ${Date.now() - started} ms, each in its own process and database, events over NATS JetStream`,
  );
  let stopping = false;
  const shutdown = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`egov: ${signal}, stopping each app, then the database server`);
    await launched.stop();
    release();
    console.log('egov: stopped');
    process.exit(code);
  };
  for (const app of launched.apps)
    app.process.once('exit', (code, signal) => {
      if (!stopping) console.error(`egov: ${app.name} exited (${signal ?? code}); the others go on`);
    });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
