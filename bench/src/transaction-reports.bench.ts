import { randomUUID } from 'node:crypto';
import { financialSupervision } from '@egov/financial-supervision';
import {
  COLUMNS,
  MAX_ROWS_PER_FILE,
  registerInstitution,
  submitBatch,
} from '@egov/financial-supervision/services';
import { createAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import { createDatabase, type DatabaseConfig } from '@egov/kernel/db';
import { silentLogger, testIdentity, uniqueSchema } from '@egov/kernel/testing';
import { issueCreditCode, issueResidentId } from '@egov/standards';
import { benchDatabase, num, type Report } from './measure.ts';

/** How many transactions, in files of how many rows (the app's limit per file). */
const TOTAL = Number(process.env.BENCH_TRANSACTIONS ?? 100_000);
const PER_FILE = MAX_ROWS_PER_FILE;
const INSTITUTION = issueCreditCode({ division: '110000', organisationBody: 'BENCH001' });

/**
 * The files: 20,000 individuals and 500 companies over ten days of June 2025,
 * cash and transfers (some cross-border), in CNY and USD, amounts from a fixed
 * pseudo-random sequence so that a few per cent of customer-days reach a
 * large-value threshold; one row in a thousand is broken (a part-fen amount).
 */
function files(): string[] {
  let seed = 20250601;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const people = Array.from({ length: 20_000 }, (_, i) =>
    issueResidentId({
      division: '110105',
      birthDate: new Date(Date.UTC(1960, 0, 1) + (i % 15_000) * 86_400_000).toISOString().slice(0, 10),
      sequence: 1 + Math.floor(i / 15_000) * 2,
    }),
  );
  const companies = Array.from({ length: 500 }, (_, i) =>
    issueCreditCode({ division: '310115', organisationBody: `BC${String(i).padStart(6, '0')}` }),
  );
  const out: string[] = [];
  const header = COLUMNS.join(',');
  for (let f = 0; f < TOTAL / PER_FILE; f++) {
    const lines = [header];
    for (let r = 0; r < PER_FILE; r++) {
      const n = f * PER_FILE + r;
      const org = next() < 0.1;
      const cash = !org && next() < 0.3;
      const cross = !cash && next() < 0.1;
      const usd = next() < 0.1;
      const amount = Math.floor(next() * (cash ? 3_000_000 : org ? 60_000_000 : 20_000_000)) + 100;
      lines.push(
        [
          `B${n}`,
          org ? 'organisation' : 'individual',
          org ? companies[Math.floor(next() * companies.length)] : people[Math.floor(next() * people.length)],
          org ? '某贸易有限公司' : '张三',
          cash ? 'cash' : 'transfer',
          next() < 0.5 ? 'in' : 'out',
          cross ? 'true' : 'false',
          usd ? 'USD' : 'CNY',
          n % 1000 === 999 ? `${amount}.5` : String(usd ? Math.floor(amount / 7) : amount),
          `2025-06-${String(2 + Math.floor(next() * 10)).padStart(2, '0')}`,
        ].join(','),
      );
    }
    out.push(lines.join('\n'));
  }
  return out;
}

interface Counted {
  ms: number;
  accepted: number;
  refused: number;
  reports: number;
}

export interface TransactionReportsFigures {
  kernelPerSecond: number;
  directPerSecond: number;
}

/**
 * Issue 15: 100,000 transactions in files of 5,000 through the kernel (HTTP,
 * token, tRPC, strict schema, text policy, one audited transaction per file)
 * versus the same service function (the same row validation, the same
 * unnest insert, daily totals and large-value reports) called directly in a
 * transaction of its own, on the same PostgreSQL, in the same run: halves in
 * the order kernel, direct, direct, kernel, each side on a fresh schema.
 */
export const transactionReportsBenchmark = {
  name: 'transaction-reports',
  async run(): Promise<Report<TransactionReportsFigures>> {
    const server = await benchDatabase();
    const identity = await testIdentity('financial-supervision');
    const config = (): DatabaseConfig => ({
      kind: 'postgres',
      url: server.url,
      schema: uniqueSchema('financial_supervision'),
    });
    const kernelConfig = config();
    const directConfig = config();
    const keepers = [await createDatabase(kernelConfig), await createDatabase(directConfig)];
    const kernelApp = await createAgencyApp(financialSupervision, {
      database: kernelConfig,
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    const directApp = await createAgencyApp(financialSupervision, {
      database: directConfig,
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    const seeded = { by: 'bench', at: new Date() };
    const bank = {
      creditCode: INSTITUTION,
      name: '基准银行',
      kind: 'bank' as const,
      licenceNo: 'B0001H000000001',
    };
    await registerInstitution(kernelApp.database.db, bank, seeded);
    await registerInstitution(directApp.database.db, bank, seeded);
    const kernel = await serveAgencyApp(kernelApp, { port: 0 });
    const token = await identity.officialToken({ permissions: ['financial-supervision.transaction.submit'] });
    const all = files();
    const half = Math.ceil(all.length / 2);

    const viaKernel = async (batch: string[], into: Counted) => {
      const t0 = performance.now();
      for (const content of batch) {
        const res = await fetch(`${kernel.url}/trpc/transactions.submit`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ institution: INSTITUTION, format: 'csv', content }),
        });
        const body = (await res.json()) as {
          result?: { data: { rowsAccepted: number; rowsRefused: number; largeValueReports: number } };
          error?: { message: string };
        };
        if (!body.result) throw new Error(`kernel side: ${res.status} ${body.error?.message}`);
        into.accepted += body.result.data.rowsAccepted;
        into.refused += body.result.data.rowsRefused;
        into.reports += body.result.data.largeValueReports;
      }
      into.ms += performance.now() - t0;
    };
    const direct = async (batch: string[], into: Counted) => {
      const t0 = performance.now();
      for (const content of batch) {
        const r = await directApp.database.db
          .transaction()
          .execute((trx) =>
            submitBatch(
              trx,
              { institution: INSTITUTION, format: 'csv', content },
              { by: 'bench', at: new Date() },
            ),
          );
        into.accepted += r.rowsAccepted;
        into.refused += r.rowsRefused;
        into.reports += r.largeValueReports;
      }
      into.ms += performance.now() - t0;
    };

    const k: Counted = { ms: 0, accepted: 0, refused: 0, reports: 0 };
    const d: Counted = { ms: 0, accepted: 0, refused: 0, reports: 0 };
    try {
      await viaKernel(all.slice(0, half), k);
      await direct(all.slice(0, half), d);
      await direct(all.slice(half), d);
      await viaKernel(all.slice(half), k);
      if (k.accepted !== d.accepted || k.reports !== d.reports)
        throw new Error(`the sides disagree: kernel ${JSON.stringify(k)}, direct ${JSON.stringify(d)}`);
      const rows = TOTAL;
      const kernelPerSecond = rows / (k.ms / 1000);
      const directPerSecond = rows / (d.ms / 1000);
      const lines = [
        `${this.name} (${server.label}): ${num(rows)} transactions in ${all.length} CSV files of ${num(PER_FILE)} rows`,
        `  each side: ${num(k.accepted)} kept, ${num(k.refused)} refused (part-fen amounts), ${num(k.reports)} large-value reports`,
        `  kernel (HTTP, token, tRPC, schema, text policy, audited transaction per file): ${num(Math.round(kernelPerSecond))} tx/s (${(k.ms / 1000).toFixed(1)} s)`,
        `  direct (same validation, unnest insert, totals and reports in a transaction): ${num(Math.round(directPerSecond))} tx/s (${(d.ms / 1000).toFixed(1)} s)`,
        `  ratio kernel/direct: ${(kernelPerSecond / directPerSecond).toFixed(2)}x (target >= 0.5x)`,
      ];
      return { text: lines.join('\n'), figures: { kernelPerSecond, directPerSecond } };
    } finally {
      await kernel.stop();
      await directApp.close();
      for (const keeper of keepers) {
        await keeper.dropSchema().catch(() => {});
        await keeper.close();
      }
    }
  },
};
