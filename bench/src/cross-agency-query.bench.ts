import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import { findImporter } from '@egov/golden-customs/services';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { findTaxpayer } from '@egov/golden-tax/services';
import type { DatabaseConfig } from '@egov/kernel/db';
import { serve } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import { issueCreditCode } from '@egov/standards';
import { createTRPCClient, httpLink } from '@trpc/client';
import { initTRPC, TRPCError } from '@trpc/server';
import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type LoadResult, load, loadSides } from './load.ts';
import { benchDatabase, benchSeconds, num, type Report } from './measure.ts';
import { countStatements, profiled, profileLines } from './probes.ts';
import {
  asEgovStart,
  asOfficial,
  customsApp,
  launchBenchApps,
  login,
  scratchDatabase,
  taxApp,
} from './platform.ts';

/*
 * The bare baseline: the same two service functions on the same databases,
 * customs calling tax over HTTP with a plain tRPC client; no token, zone
 * check, permission, audit record, trace or registry lookup on either side.
 */
function bareTaxRouter(taxDb: Kysely<any>) {
  const t = initTRPC.create();
  return t.router({
    taxpayers: t.router({
      get: t.procedure.input(z.object({ creditCode: z.string() })).query(async ({ input }) => {
        const taxpayer = await findTaxpayer(taxDb as never, input.creditCode);
        if (!taxpayer) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such taxpayer' });
        return {
          creditCode: taxpayer.creditCode,
          name: taxpayer.name,
          kind: taxpayer.kind,
          division: taxpayer.division,
        };
      }),
    }),
  });
}

function bareCustomsRouter(customsDb: Kysely<any>, taxUrl: string) {
  const tax = createTRPCClient<ReturnType<typeof bareTaxRouter>>({ links: [httpLink({ url: taxUrl })] });
  const t = initTRPC.create();
  return t.router({
    importers: t.router({
      standing: t.procedure.input(z.object({ creditCode: z.string() })).query(async ({ input }) => {
        const importer = await findImporter(customsDb as never, input.creditCode);
        if (!importer) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such importer' });
        const taxpayer = await tax.taxpayers.get.query({ creditCode: importer.creditCode });
        return {
          importer: { ...importer, registeredAt: importer.registeredAt.toISOString() },
          tax: {
            registered: true,
            kind: taxpayer.kind,
            name: taxpayer.name,
            divisionCode: taxpayer.division,
          },
        };
      }),
    }),
  });
}

async function listen(hono: Hono): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const countAudit = async (db: Kysely<any>, procedure: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('audit_record')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('procedure', '=', procedure)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Requests per second and p99 (ms) of each side. */
export interface CrossAgencyFigures {
  kernel: { perSecond: number; p99Ms: number };
  bare: { perSecond: number; p99Ms: number };
}

async function onDatabase(
  label: string,
  config: (schema: string) => DatabaseConfig,
  seconds: number,
  mode: 'measure' | 'profile',
  out: { figures?: CrossAgencyFigures } = {},
) {
  const launched = await launchBenchApps([taxApp, customsApp], config);
  const closers: (() => Promise<void>)[] = [];
  try {
    const urlOf = (name: string) => launched.apps.get(name)!.serving.url;
    const dbOf = (name: string) => launched.apps.get(name)!.app.database.db as Kysely<any>;
    const officer = await login(launched.platformUrl, 'customs-officer');
    const taxOfficer = await login(launched.platformUrl, 'tax-officer');
    const creditCode = issueCreditCode({
      division: '350102',
      organisationBody: `Q${String(process.pid).padStart(7, '0').slice(-7)}`,
    });
    const name = 'Fuzhou Marine Trading Co.';
    await asOfficial<GoldenTaxRouter>(urlOf('golden-tax'), taxOfficer).taxpayers.register.mutate({
      creditCode,
      name,
      kind: 'general',
      division: '350102',
    });
    await asOfficial<GoldenCustomsRouter>(urlOf('golden-customs'), officer).importers.register.mutate({
      creditCode,
      name,
      aeoClass: 'advanced',
    });

    const bareTax = await listen(
      new Hono().use('/trpc/*', trpcServer({ router: bareTaxRouter(dbOf('golden-tax')), endpoint: '/trpc' })),
    );
    closers.push(bareTax.close);
    const bareCustoms = await listen(
      new Hono().use(
        '/trpc/*',
        trpcServer({ router: bareCustomsRouter(dbOf('golden-customs'), bareTax.url), endpoint: '/trpc' }),
      ),
    );
    closers.push(bareCustoms.close);

    const query = `?input=${encodeURIComponent(JSON.stringify({ creditCode }))}`;
    const before = {
      customs: await countAudit(dbOf('golden-customs'), 'importers.standing'),
      tax: await countAudit(dbOf('golden-tax'), 'taxpayers.get'),
    };
    if (mode === 'profile') {
      const kernelLoad = {
        url: `${urlOf('golden-customs')}/trpc/importers.standing${query}`,
        headers: { authorization: `Bearer ${officer}` },
      };
      await load({ ...kernelLoad, durationSeconds: 1 });
      const statements = countStatements();
      const { result: k, profile } = await profiled(() => load({ ...kernelLoad, durationSeconds: seconds }), {
        intervalUs: 200,
      });
      const counted = statements.read();
      statements.stop();
      const perRequest = [...counted]
        .map(([kind, t]) => `${kind} ${(t.n / (k.requests ?? 1)).toFixed(2)}`)
        .join(', ');
      if (process.env.BENCH_PROFILE_OUT)
        writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
      return [
        `  ${label}, kernel path only: ${num(k.requestsPerSecond)} req/s; the main thread's sampled time by component:`,
        ...profileLines(profile),
        `    SQL statements per request (PostgreSQL only): ${perRequest || 'none counted'}`,
      ];
    }
    const results = await loadSides(
      [
        {
          name: 'kernel',
          url: `${urlOf('golden-customs')}/trpc/importers.standing${query}`,
          headers: { authorization: `Bearer ${officer}` },
        },
        { name: 'bare', url: `${bareCustoms.url}/importers.standing${query}` },
      ],
      seconds,
    );
    const [kernel, bare] = [results.get('kernel')!, results.get('bare')!];
    out.figures = {
      kernel: { perSecond: kernel.requestsPerSecond, p99Ms: kernel.p99Ms },
      bare: { perSecond: bare.requestsPerSecond, p99Ms: bare.p99Ms },
    };
    // Let the sequencer and the last responses settle before counting what the kernel side recorded.
    const recorded = {
      customs: (await countAudit(dbOf('golden-customs'), 'importers.standing')) - before.customs,
      tax: (await countAudit(dbOf('golden-tax'), 'taxpayers.get')) - before.tax,
    };
    const f = (r: LoadResult) => `${num(r.requestsPerSecond)} req/s (p99 ${r.p99Ms} ms)`;
    return [
      `  ${label}`,
      `    kernel:   ${f(kernel)}`,
      `    bare:     ${f(bare)}`,
      `    ratio:    ${(kernel.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}x of bare throughput ` +
        `(target: at least 0.50x)`,
      `    audited:  ${recorded.customs} call-out records at golden-customs, ${recorded.tax} call-in records at ` +
        `golden-tax, for ${kernel.requests} kernel requests (warm-up included in the records)`,
    ];
  } finally {
    for (const close of closers.reverse()) await close();
    await launched.stop();
  }
}

/**
 * A cross-agency query end to end: the customs officer asks golden-customs
 * for an importer's standing (`importers.standing`), which reads its own
 * register and asks golden-tax for the VAT registration (`taxpayers.get`)
 * through the unified network client. Kernel path: the officer's token
 * verified, the permission checked, the registry resolved, customs' service
 * token, traceparent, zone checked on both sides, an audit record on each side
 * (call-out at customs, call-in at tax). Bare: the same two service functions
 * on the same databases, two bare Hono + tRPC servers, a plain tRPC client.
 */
export const crossAgencyQueryBenchmark = {
  name: 'cross-agency query',
  run: () => runCrossAgency('cross-agency query', 'measure'),
};

/**
 * Not part of the default run (`pnpm bench "cross-agency query profile"`):
 * the kernel side alone under the V8 sampling profiler, its main-thread time
 * grouped by component (BENCH_PROFILE_OUT=file keeps the .cpuprofile).
 */
export const crossAgencyQueryProfileBenchmark = {
  name: 'cross-agency query profile',
  optIn: true,
  run: () => runCrossAgency('cross-agency query profile', 'profile'),
};

async function runCrossAgency(
  name: string,
  mode: 'measure' | 'profile',
): Promise<Report<CrossAgencyFigures | undefined>> {
  const seconds = benchSeconds();
  const lines = [
    name,
    `  method:   autocannon, 10 connections, GET importers.standing at golden-customs (which queries golden-tax ` +
      `over HTTP); each side ${seconds} s in halves (kernel, bare, bare, kernel) after 1 s of each; p99 of the ` +
      'worse half',
  ];
  const server = await benchDatabase();
  const scratch = await scratchDatabase(server.url, `egov_bench_xq_${process.pid}`);
  const out: { figures?: CrossAgencyFigures } = {};
  try {
    lines.push(
      ...(await onDatabase(
        `${server.label}, database ${scratch.name}, a schema and a pool per app as \`egov start\``,
        asEgovStart(scratch.url),
        seconds,
        mode,
        out,
      )),
    );
  } finally {
    await scratch.drop();
  }
  return { text: lines.join('\n'), figures: out.figures };
}
