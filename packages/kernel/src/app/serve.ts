import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AgencyApp } from './create.ts';

export interface ServingApp {
  name: string;
  url: string;
  port: number;
  /** Stops accepting, waits for in-flight requests (up to `drainMs`), then closes the database. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * Listens on a loopback port (0 picks a free one) and returns the URL.
 *
 * @example
 * const serving = await serveAgencyApp(app, { port: 0 });
 * console.log(serving.url); // http://127.0.0.1:41234
 * await serving.stop();
 */
export async function serveAgencyApp<DB>(
  app: AgencyApp<DB>,
  options: { port: number; hostname?: string },
): Promise<ServingApp> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.hono.fetch, port: options.port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostname}:${port}`;
  let stopping: Promise<void> | undefined;

  const stop = (opts: { drainMs?: number } = {}) => {
    stopping ??= (async () => {
      app.markDraining();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const http = server as unknown as {
        closeIdleConnections?: () => void;
        closeAllConnections?: () => void;
      };
      http.closeIdleConnections?.();
      const deadline = Date.now() + (opts.drainMs ?? 10_000);
      while (app.inFlight() > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        http.closeIdleConnections?.();
      }
      http.closeAllConnections?.();
      await closed;
      await app.close();
    })();
    return stopping;
  };
  return { name: app.name, url, port, stop };
}
