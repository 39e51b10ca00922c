import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { issueInvoice } from '@egov/golden-tax/services';
import type { Kysely } from '@egov/kernel/db';
import { issueCreditCode } from '@egov/standards';
import { type LoadResult, load } from './load.ts';
import {
  benchDatabase,
  benchSeconds,
  closedLoop,
  type Loop,
  mergeLoops,
  num,
  percentile,
  type Report,
  ratio,
} from './measure.ts';
import {
  asEgovStart,
  asOfficial,
  chinaToday,
  launchBenchApps,
  login,
  scratchDatabase,
  taxApp,
} from './platform.ts';
import { countStatements, sampleSessions, type Tallies, tallyBetween } from './probes.ts';

/** Requests in flight: autocannon connections on the kernel side, concurrent calls on the direct side. */
const CONCURRENCY = 10;

interface Measured {
  /** Mean sessions of the run's database waiting on a lock, and in a transaction or statement. */
  sessions: { lockWaits: number; busy: number };
  perSecond: number;
  count: number;
  p50Ms: number | null;
  p99Ms: number;
  /** Main-thread busy time per invoice (event-loop utilisation); the kernel side's load runs in a worker. */
  busyUs: number;
  statements: Tallies;
}

/** Invoices issued per second through the kernel (HTTP) and by the service called directly. */
export interface InvoicesFigures {
  kernel: number;
  direct: number;
}

async function onTarget(
  label: string,
  /** The run's database (its apps' schemas) and the server's URL, to sample its sessions. */
  scratch: { url: string; name: string; baseUrl: string },
  seconds: number,
  out: { figures?: InvoicesFigures } = {},
): Promise<string[]> {
  const statements = countStatements();
  const launched = await launchBenchApps([taxApp], asEgovStart(scratch.url));
  try {
    const tax = launched.apps.get('golden-tax')!;
    const officer = await login(launched.platformUrl, 'tax-officer');
    const client = asOfficial<GoldenTaxRouter>(tax.serving.url, officer);
    const tag = String(process.pid).padStart(7, '0').slice(-7);
    const seller = issueCreditCode({ division: '350102', organisationBody: `A${tag}` });
    const buyer = issueCreditCode({ division: '350102', organisationBody: `B${tag}` });
    await client.taxpayers.register.mutate({
      creditCode: seller,
      name: 'Fuzhou Software Services Co.',
      kind: 'general',
      division: '350102',
    });
    // A quota no run can use up (every invoice counts against the month's).
    await client.taxpayers.setQuota.mutate({ creditCode: seller, monthlyQuotaFen: 900_000_000_000_000 });
    const issue = {
      sellerCreditCode: seller,
      buyer: { creditCode: buyer, name: 'Fuzhou Marine Trading Co.' },
      lines: [
        {
          description: 'software maintenance',
          category: 'modern-services' as const,
          quantity: '1',
          unitPriceFen: 120_000,
          rate: '0.06',
        },
      ],
      issuedOn: chinaToday(),
    };
    const db = tax.app.database.db as Kysely<any>;

    const sample = () => sampleSessions(scratch.baseUrl, scratch.name);
    const kernelSide = async (secs: number): Promise<Measured & { load: LoadResult }> => {
      const s0 = statements.read();
      const sampling = sample();
      const elu = performance.eventLoopUtilization();
      const r = await load({
        url: `${tax.serving.url}/trpc/invoices.issue`,
        method: 'POST',
        body: JSON.stringify(issue),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
        durationSeconds: secs,
        connections: CONCURRENCY,
      });
      const waits = await sampling.stop();
      await tax.app.audit.flush(); // fold this side's audit records into the tree before the next side
      const count = r.requests ?? Math.round(r.requestsPerSecond * secs);
      return {
        load: r,
        perSecond: r.requestsPerSecond,
        count,
        p50Ms: null,
        p99Ms: r.p99Ms,
        busyUs: (performance.eventLoopUtilization(elu).active * 1000) / count,
        statements: tallyBetween(s0, statements.read()),
        sessions: waits,
      };
    };
    const directSide = async (secs: number): Promise<Measured & { loop: Loop }> => {
      const s0 = statements.read();
      const sampling = sample();
      const elu = performance.eventLoopUtilization();
      const loop = await closedLoop(
        () =>
          db
            .transaction()
            .execute((trx) => issueInvoice(trx as never, issue, { by: 'official:bench', at: new Date() })),
        CONCURRENCY,
        secs,
      );
      const busyMs = performance.eventLoopUtilization(elu).active;
      const waits = await sampling.stop();
      return {
        loop,
        perSecond: loop.perSecond,
        count: loop.count,
        p50Ms: percentile(loop.latencies, 50),
        p99Ms: percentile(loop.latencies, 99),
        busyUs: (busyMs * 1000) / loop.count,
        statements: tallyBetween(s0, statements.read()),
        sessions: waits,
      };
    };

    await kernelSide(1); // warm-up: JIT, pool, JWKS and revocation list fetched; not counted
    await directSide(1);
    const k1 = await kernelSide(seconds / 2);
    const d1 = await directSide(seconds / 2);
    const d2 = await directSide(seconds / 2);
    const k2 = await kernelSide(seconds / 2);
    const k = {
      perSecond: (k1.perSecond + k2.perSecond) / 2,
      p99Ms: Math.max(k1.p99Ms, k2.p99Ms),
      count: k1.count + k2.count,
      busyUs: (k1.busyUs * k1.count + k2.busyUs * k2.count) / (k1.count + k2.count),
    };
    const dl = mergeLoops(d1.loop, d2.loop);
    const d = {
      perSecond: dl.perSecond,
      p50Ms: percentile(dl.latencies, 50),
      p99Ms: percentile(dl.latencies, 99),
      count: dl.count,
      busyUs: (d1.busyUs * d1.count + d2.busyUs * d2.count) / dl.count,
    };
    const perInvoice = (halves: Measured[]) => {
      const merged = new Map<string, number>();
      let count = 0;
      for (const h of halves) {
        count += h.count;
        for (const [key, t] of h.statements) merged.set(key, (merged.get(key) ?? 0) + t.n);
      }
      const total = [...merged.values()].reduce((a, b) => a + b, 0);
      const parts = [...merged]
        .sort(([, a], [, b]) => b - a)
        .map(([key, n]) => `${key} ${num(n / count)}`)
        .join(', ');
      return `${num(total / count)} (${parts})`;
    };
    const sessions = (halves: Measured[]) => {
      const lock = halves.reduce((a, h) => a + h.sessions.lockWaits, 0) / halves.length;
      const busy = halves.reduce((a, h) => a + h.sessions.busy, 0) / halves.length;
      return `${busy.toFixed(1)} sessions in a transaction or statement, ${lock.toFixed(1)} of them waiting on a lock`;
    };
    out.figures = { kernel: k.perSecond, direct: d.perSecond };
    return [
      `  ${label}`,
      `    kernel, HTTP:    ${num(k.perSecond)} invoices/s (p99 ${num(k.p99Ms)} ms; server main thread ${num(k.busyUs)} µs/invoice)`,
      `    direct service:  ${num(d.perSecond)} invoices/s (p50 ${num(d.p50Ms)} ms, p99 ${num(d.p99Ms)} ms; main thread ${num(d.busyUs)} µs/invoice)`,
      `    kernel path:     ${ratio(k.perSecond, d.perSecond)} of the direct throughput`,
      `    statements per invoice, kernel path: ${perInvoice([k1, k2])}`,
      `    statements per invoice, direct:      ${perInvoice([d1, d2])}`,
      `    sessions (mean of pg_stat_activity every 100 ms), kernel path: ${sessions([k1, k2])}`,
      `    sessions, direct:                    ${sessions([d1, d2])}`,
    ];
  } finally {
    await launched.stop();
    statements.stop();
  }
}

/**
 * Issue 6: e-invoices issued per second at golden-tax. `invoices.issue` over
 * HTTP through the kernel (the platform and golden-tax started as in the
 * embedded mode, the tax officer logged in, a general taxpayer with a quota
 * no run can exhaust) versus golden-tax's `issueInvoice` called directly in a
 * transaction on the same database, on PostgreSQL (`benchDatabase()`).
 */
export const invoicesBenchmark = {
  name: 'e-invoices',
  async run(): Promise<Report<InvoicesFigures | undefined>> {
    const seconds = benchSeconds();
    const lines = [
      this.name,
      `  method:   one-line invoice (software maintenance, 1,200 yuan at 6 %), the same body every time; kernel: ` +
        `autocannon (worker thread) POST invoices.issue, ${CONCURRENCY} connections, token of the tax officer; direct: ` +
        `issueInvoice(trx, ...) in db.transaction(), ${CONCURRENCY} at once, no HTTP, token, input parsing, audit record ` +
        `nor invoice.issued event; each side ${seconds} s in halves (kernel, direct, direct, kernel) after 1 s ` +
        'warm-ups; main thread µs/invoice from performance.eventLoopUtilization',
    ];
    const server = await benchDatabase();
    const scratch = await scratchDatabase(server.url, `egov_bench_${process.pid}_invoices`);
    const out: { figures?: InvoicesFigures } = {};
    try {
      lines.push(
        ...(await onTarget(
          `${server.label}, database ${scratch.name}; the platform and golden-tax a schema and a pool each, as \`egov start\``,
          { ...scratch, baseUrl: server.url },
          seconds,
          out,
        )),
      );
    } finally {
      await scratch.drop();
    }
    return { text: lines.join('\n'), figures: out.figures };
  },
};
