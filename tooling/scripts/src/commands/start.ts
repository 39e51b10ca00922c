import { DEFAULT_BASE_PORT } from '../embedded/apps.ts';
import { launchEmbedded } from '../embedded/launch.ts';
import { demoAccounts } from '@egov/platform/provisioning';

/**
 * `egov start`: the whole platform in one process on the embedded database,
 * demo data seeded once, stopped cleanly by Ctrl-C (SIGINT) or SIGTERM.
 */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const basePort = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  const started = Date.now();
  const launched = await launchEmbedded({ basePort, seed: env.EGOV_SEED !== 'false', env });
  for (const { serving } of launched.apps) console.log(`  ${serving.name.padEnd(16)} ${serving.url}`);
  console.log(
    `egov: ${launched.apps.length} apps ready in ${Date.now() - started} ms on ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
  );
  console.log(`demo accounts: ${demoAccounts.map((a) => `${a.username} / ${a.password}`).join(', ')}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`egov: ${signal}, draining and stopping`);
    await launched.stop();
    console.log('egov: stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
