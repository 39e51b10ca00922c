import { createAgencyApp } from '@egov/kernel/app';
import { createDatabase, type DatabaseConfig } from '@egov/kernel/db';
import type { Network } from '@egov/kernel/network';
import { silentLogger, testIdentity, uniqueSchema } from '@egov/kernel/testing';
import { macroeconomics } from '@egov/macroeconomics';
import { computeDerived, defineIndicator, ingestPublication } from '@egov/macroeconomics/services';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from '@egov/standards';
import { type Kysely, sql } from 'kysely';
import { benchDatabase, num, type Report } from './measure.ts';

/** 32 regions (the country and the 31 provinces) x 118 industries (all, 20 sections, 97 divisions) x 5 indicators. */
const REGIONS = [
  '100000',
  ...'11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65'
    .split(' ')
    .map((p) => `${p}0000`),
];
const INDUSTRIES = ['', ...INDUSTRY_SECTIONS.map((s) => s.code), ...Object.keys(INDUSTRY_DIVISIONS)];
const MEASURES = ['total', 'customs-duty', 'import-vat', 'domestic-vat', 'non-tax'];

function months(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(2022, i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** One month's publication: every measure x region x industry, values in fen as decimal strings. */
function publication(period: string, m: number) {
  const rows: { measure: string; region: string; industry?: string; value: string }[] = [];
  for (const [k, measure] of MEASURES.entries())
    for (const [r, region] of REGIONS.entries())
      for (const [j, industry] of INDUSTRIES.entries()) {
        const value = String(
          1_000_000 + ((m * 7919 + r * 104_729 + j * 1_299_709 + k * 15_485_863) % 90_000_000),
        );
        rows.push(industry ? { measure, region, industry, value } : { measure, region, value });
      }
  return { resourceId: 'GF-REC-0001', period, unit: 'fen', asOf: new Date().toISOString(), rows };
}

const indicators = MEASURES.map((measure, i) => ({
  code: i === 0 ? 'FIN-REC-TOTAL' : `FIN-REC-P${i}`,
  nameZh: measure,
  nameEn: measure,
  unit: '元' as const,
  frequency: 'monthly' as const,
  source: { resourceId: 'GF-REC-0001', measure },
  ...(i === 0 ? { indexBase: '2022-01' } : { parent: 'FIN-REC-TOTAL' }),
}));

/** Rows in the derived table and observations kept, to check both sides did the same work. */
async function tally(db: Kysely<any>): Promise<{ observations: number; derived: number }> {
  const o = await db
    .selectFrom('observation')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const d = await db
    .selectFrom('derived_figure')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return { observations: o.n, derived: d.n };
}

export interface SeriesFigures {
  observations: number;
  kernelPerSecond: number;
  barePerSecond: number;
}

/**
 * `pnpm bench series`: 1,000,640 observations (53 months x 5 indicators x 32 regions x 118 industries),
 * ingested a month at a time (one publication of 18,880 rows, one multi-row `unnest` insert) with every
 * derived figure (yoy, pop, index, cumulative yoy, shares) computed as each month arrives.
 * Kernel side: the real app over in-process HTTP, `sources.pull` as an official (token, permission,
 * strict input, one audited transaction), the exchange answered from memory by a stand-in network
 * client (grant token and publication), then the app's checks, dataset, revisions and derived figures.
 * Bare side: `ingestPublication` (the same checks, inserts and derived SQL) on a plain Kysely handle of a
 * second schema, in a transaction per month, no kernel. Same run, same database.
 */
export const seriesBenchmark = {
  name: 'series',
  async run(): Promise<Report<SeriesFigures>> {
    const target = await benchDatabase();
    const periods = months(Number(process.env.BENCH_SERIES_MONTHS ?? 53));
    const config = (prefix: string): DatabaseConfig => ({
      kind: 'postgres',
      url: target.url,
      schema: uniqueSchema(prefix),
      poolSize: 4,
    });
    const identity = await testIdentity('macroeconomics');
    const at = { by: 'seed:bench', at: new Date('2026-12-01T00:00:00Z') };

    // Kernel side.
    const kernelConfig = config('bench_macro_k');
    const keeper = await createDatabase<any>(kernelConfig);
    const app = await createAgencyApp(macroeconomics, {
      database: kernelConfig,
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    const served = new Map<string, unknown>();
    const fakeClient = (name: string) =>
      name === 'platform'
        ? { catalog: { grantToken: { query: async () => ({ token: 'bench-grant' }) } } }
        : {
            statistics: {
              monthlyReceipts: { query: async ({ period }: { period: string }) => served.get(period) },
            },
          };
    app.attachNetwork({ connect: fakeClient, registry: {} } as unknown as Network);
    for (const i of indicators) await defineIndicator(app.database.db as never, i, at);
    const token = await identity.officialToken({
      permissions: ['macroeconomics.source.pull', 'macroeconomics.source.manage'],
      ttlSeconds: 3600,
    });
    const call = async (path: string, input: unknown) => {
      const res = await app.hono.request(`/trpc/${path}`, {
        method: 'POST',
        body: JSON.stringify(input),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    await call('sources.subscribe', { resourceId: 'GF-REC-0001', grantId: 'G-bench' });

    // Bare side: the same schema made by the same migrations, used through plain Kysely.
    const bareConfig = config('bench_macro_b');
    const bareKeeper = await createDatabase<any>(bareConfig);
    const bareApp = await createAgencyApp(macroeconomics, {
      database: bareConfig,
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    const bare = bareApp.database.db as Kysely<any>;
    for (const i of indicators) await defineIndicator(bare as never, i, at);

    let kernelMs = 0;
    let bareMs = 0;
    try {
      // Alternate the sides month by month, so a change in background load weighs on both.
      for (const [m, period] of periods.entries()) {
        const pub = publication(period, m);
        served.set(period, pub);
        const order = m % 2 === 0 ? ['kernel', 'bare'] : ['bare', 'kernel'];
        for (const side of order) {
          const t0 = performance.now();
          if (side === 'kernel') await call('sources.pull', { resourceId: 'GF-REC-0001', period });
          else
            await bare.transaction().execute((trx) =>
              ingestPublication(
                trx as never,
                structuredClone(pub),
                {
                  resourceId: 'GF-REC-0001',
                  period,
                  ownerApp: 'golden-finance',
                  grantId: 'G-bench',
                  requestId: `bench-${m}`,
                  traceId: 'bench',
                },
                at,
              ),
            );
          const ms = performance.now() - t0;
          if (side === 'kernel') kernelMs += ms;
          else bareMs += ms;
        }
      }
      const k = await tally(app.database.db as Kysely<any>);
      const b = await tally(bare);
      if (k.observations !== b.observations || k.derived !== b.derived)
        throw new Error(`the sides differ: kernel ${JSON.stringify(k)}, bare ${JSON.stringify(b)}`);
      // A full recompute from scratch, both sides, as `figures.recompute` does it.
      const r0 = performance.now();
      await bare.transaction().execute((trx) => computeDerived(trx as never, undefined, new Date()));
      const recomputeMs = performance.now() - r0;
      const figures = {
        observations: k.observations,
        kernelPerSecond: (k.observations / kernelMs) * 1000,
        barePerSecond: (b.observations / bareMs) * 1000,
      };
      const ratio = figures.kernelPerSecond / figures.barePerSecond;
      const text = [
        `  ${target.label}; ${periods.length} months x ${MEASURES.length} indicators x ${REGIONS.length} regions x ${INDUSTRIES.length} industries`,
        `    observations kept: ${num(k.observations)} per side; derived figures: ${num(k.derived)} per side`,
        `    kernel (sources.pull over HTTP, audited):  ${num(figures.kernelPerSecond)} observations/s (${(kernelMs / 1000).toFixed(1)} s)`,
        `    bare (ingestPublication, no kernel):        ${num(figures.barePerSecond)} observations/s (${(bareMs / 1000).toFixed(1)} s)`,
        `    ratio kernel/bare: ${ratio.toFixed(2)}x (target >= 0.5x: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
        `    full recompute of every derived figure (bare): ${(recomputeMs / 1000).toFixed(1)} s`,
      ].join('\n');
      return { text, figures };
    } finally {
      await app.close();
      await bareApp.close();
      for (const k of [keeper, bareKeeper]) {
        await k.dropSchema().catch(() => {});
        await k.close();
      }
    }
  },
};
