import { goldenShield } from '@egov/golden-shield';
import { demoResidentIds, verifyIdentity } from '@egov/golden-shield/services';
import { createAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import { createDatabase, type DatabaseConfig } from '@egov/kernel/db';
import { silentLogger, testIdentity, uniqueSchema } from '@egov/kernel/testing';
import { trpcServer } from '@hono/trpc-server';
import { serve } from '@hono/node-server';
import { initTRPC } from '@trpc/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { load, report } from './load.ts';
import { benchDatabase, type Report } from './measure.ts';

/** Requests per second through the kernel and on the bare server. */
export interface IdentityVerifyFigures {
  kernel: number;
  bare: number;
}

/**
 * One authenticated `identity.verify` over HTTP through the kernel (token
 * verification, permission check, transaction with audit record, logs,
 * metrics) versus the same service function on a bare Hono + tRPC server
 * with no kernel middleware, on the same database (`benchDatabase()`, a fresh
 * schema), in the same run.
 */
export const identityVerifyBenchmark = {
  name: 'golden-shield identity.verify',
  async run(): Promise<Report<IdentityVerifyFigures>> {
    const identity = await testIdentity('golden-shield');
    const server = await benchDatabase();
    const config: DatabaseConfig = {
      kind: 'postgres',
      url: server.url,
      schema: uniqueSchema('golden_shield'),
    };
    // A second handle keeps the pool open after the app closes, to drop the schema.
    const keeper = await createDatabase(config);
    const app = await createAgencyApp(goldenShield, {
      database: config,
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    await goldenShield.seed?.(app.database, silentLogger());
    const [name, residentId] = [...(await demoResidentIds(app.database.db))][0]!;
    const body = JSON.stringify({ name, residentId, purpose: 'benchmark: tax registration check' });
    const token = await identity.officialToken({ permissions: ['golden-shield.identity.verify'] });
    const kernel = await serveAgencyApp(app, { port: 0 });

    // The baseline: the same service function and database, no kernel.
    const t = initTRPC.create();
    const bare = t.router({
      identity: t.router({
        verify: t.procedure
          .input(z.object({ name: z.string(), residentId: z.string(), purpose: z.string() }))
          .mutation(({ input }) =>
            app.database.db
              .transaction()
              .execute((trx) => verifyIdentity(trx, input as never, { by: 'bench', at: new Date() }))
              .then((v) => ({ result: v.result })),
          ),
      }),
    });
    const hono = new Hono().use('/trpc/*', trpcServer({ router: bare, endpoint: '/trpc' }));
    const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const barePort = (bareServer.address() as { port: number }).port;

    try {
      const headers = { 'content-type': 'application/json' };
      const subject = await load({
        url: `${kernel.url}/trpc/identity.verify`,
        method: 'POST',
        body,
        headers: { ...headers, authorization: `Bearer ${token}` },
      });
      const baseline = await load({
        url: `http://127.0.0.1:${barePort}/trpc/identity.verify`,
        method: 'POST',
        body,
        headers,
      });
      return {
        text: report({ name: `${this.name} (${server.label})`, subject, baseline }),
        figures: { kernel: subject.requestsPerSecond, bare: baseline.requestsPerSecond },
      };
    } finally {
      await new Promise((r) => bareServer.close(r));
      await kernel.stop();
      await keeper.dropSchema().catch(() => {});
      await keeper.close();
    }
  },
};
