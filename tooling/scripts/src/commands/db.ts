import { join } from 'node:path';
import { dataRoot, embeddedServerStatus, startEmbeddedServer } from '@egov/kernel/db';

/**
 * `egov db start|stop|status`: the embedded PostgreSQL on its own, for apps
 * run alone (`pnpm --filter @egov/<app> start`), which use it when
 * `DATABASE_URL` is unset. `egov start` does not need it: it starts the
 * server itself (or uses the one running here) and stops it at the end.
 */
export async function db(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dataDir = join(dataRoot(env), 'postgres');
  const running = embeddedServerStatus(dataDir);
  switch (args[0]) {
    case 'start': {
      const server = await startEmbeddedServer({ dataDir, log: (line) => console.log(`egov db: ${line}`) });
      console.log(
        `egov db: running (pid ${server.pid}) on port ${server.port}; stop it with \`pnpm egov db stop\``,
      );
      return 0;
    }
    case 'stop': {
      if (!running) {
        console.log(`egov db: not running (${dataDir})`);
        return 0;
      }
      const server = await startEmbeddedServer({ dataDir });
      await server.stop();
      console.log(`egov db: stopped (pid ${running.pid})`);
      return 0;
    }
    case 'status':
      console.log(
        running
          ? `egov db: running (pid ${running.pid}) on port ${running.port}, ${dataDir}`
          : `egov db: not running (${dataDir})`,
      );
      return running ? 0 : 3;
    default:
      throw new Error('usage: egov db start|stop|status');
  }
}
