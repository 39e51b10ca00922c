import { createServer } from 'node:net';

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * A base port for a test that starts apps at base + their port offsets: below Linux's ephemeral
 * range (32768 and up, where the run's own outgoing connections to PostgreSQL and NATS take their
 * local ports, so a random port there can be taken between the pick and the listen), and with
 * every port of `span` free when picked.
 */
export async function freeBasePort(span = 32, low = 10_000, high = 32_000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = low + Math.floor(Math.random() * (high - low - span));
    let free = true;
    for (let port = base; port < base + span && free; port++) free = await canListen(port);
    if (free) return base;
  }
  throw new Error(`no ${span} free ports in a row between ${low} and ${high}`);
}
