/*
 * The startup benchmark's baseline, run as a child process: `count` bare Hono
 * servers (a port each, one route, no database, no kernel) in one Node
 * process, as `egov start` runs its apps in one. Prints one line when all
 * listen; SIGINT closes them.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) throw new Error('usage: bare-servers.ts <count>');
const servers = await Promise.all(
  Array.from(
    { length: count },
    (_, i) =>
      new Promise<ReturnType<typeof serve>>((resolve) => {
        const app = new Hono().get('/health', (c) => c.json({ app: i, status: 'ok' }));
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
      }),
  ),
);
console.log(`bare: ${count} apps ready`);
process.once('SIGINT', () => {
  for (const server of servers) server.close();
  process.exit(0);
});
