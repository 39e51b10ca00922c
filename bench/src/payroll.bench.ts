import { randomUUID } from 'node:crypto';
import { serveAgencyApp } from '@egov/kernel/app';
import type { Kysely } from '@egov/kernel/db';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { allocate, registerBudgetUnit } from '@egov/golden-finance/services';
import { goldenFinance } from '@egov/golden-finance';
import { socialSecurity } from '@egov/social-security';
import { issueCreditCode, issueResidentId, luhnCheckDigit } from '@egov/standards';
import { bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { benchDatabase, num, type Report, ratio } from './measure.ts';

/** Pensioners paid per run (BENCH_PAYROLL_PENSIONERS, default 100,000: issue 14's figure). */
const PENSIONERS = Number(process.env.BENCH_PAYROLL_PENSIONERS ?? 100_000);
/** Lines per payment request, as social-security sends them (golden-finance's MAX_BATCH_LINES). */
const CHUNK = 1000;
const UNIT = '208001';
const BANK = '社会保障卡金融账户 social-security card account';

export interface PayrollFigures {
  /** Pensioners per second through the kernel and golden-finance, and by the same inserts done directly. */
  kernel: number;
  direct: number;
}

/** 100,000 pensioners with valid resident IDs (GB 11643) and card numbers (Luhn), written straight in (set-up). */
async function seedPensioners(db: Kysely<any>, n: number): Promise<void> {
  for (let at = 0; at < n; at += 2000) {
    const people = Array.from({ length: Math.min(2000, n - at) }, (_, k) => {
      const i = at + k;
      const birth = new Date(Date.UTC(1955, 0, 1 + Math.floor(i / 500))).toISOString().slice(0, 10);
      const payload = `622202${String(i).padStart(12, '0')}`;
      return {
        uuid: randomUUID(),
        resident_id: issueResidentId({ division: '110105', birthDate: birth, sequence: 2 * (i % 500) + 1 }),
        name: `退休人员${i}`,
        sex: 'male',
        birth_date: birth,
        bank_card: payload + luhnCheckDigit(payload),
        monthly: 250_000 + (i % 1000) * 100,
      };
    });
    await db
      .insertInto('insured_person')
      .values(
        people.map(({ bank_card: _, monthly: __, ...p }) => ({
          ...p,
          enrolled_by: 'bench',
          enrolled_at: new Date(),
        })),
      )
      .execute();
    await db
      .insertInto('card')
      .values(
        people.map((p) => ({
          insured_uuid: p.uuid,
          bank_card: p.bank_card,
          status: 'active',
          issued_by: 'bench',
          issued_at: new Date(),
        })),
      )
      .execute();
    await db
      .insertInto('pension')
      .values(
        people.map((p) => ({
          uuid: randomUUID(),
          insured_uuid: p.uuid,
          category: 'male',
          first_month: '2025-01',
          contribution_months: 360,
          average_index_bp: 10_000,
          previous_year_annual_fen: 12_411_000,
          account_balance_fen: 10_000_000,
          divisor: 139,
          basic_fen: p.monthly - 71_942,
          account_fen: 71_942,
          monthly_fen: p.monthly,
          awarded_by: 'bench',
          awarded_at: new Date(),
        })),
      )
      .execute();
  }
}

/**
 * The baseline: the same rows written directly, no HTTP, no kernel, no audit,
 * no step: the pensioners due read the same way, each batch of 1,000 reserved
 * against the appropriation and inserted as payment requests in finance's
 * schema (one transaction per batch, as finance commits each call), then the
 * run and its lines in social-security's schema in one transaction.
 */
async function directRun(
  ss: Kysely<any>,
  gf: Kysely<any>,
  month: string,
  appropriationId: string,
): Promise<number> {
  const unit = await gf
    .selectFrom('budget_unit')
    .select('id')
    .where('code', '=', UNIT)
    .executeTakeFirstOrThrow();
  const due = await ss
    .selectFrom('pension')
    .innerJoin('insured_person', 'insured_person.uuid', 'pension.insured_uuid')
    .innerJoin('card', (j) =>
      j.onRef('card.insured_uuid', '=', 'pension.insured_uuid').on('card.status', '=', 'active'),
    )
    .select([
      'pension.uuid',
      'insured_person.resident_id',
      'insured_person.name',
      'card.bank_card',
      'pension.monthly_fen',
    ])
    .where('pension.first_month', '<=', month)
    .where('pension.died_on', 'is', null)
    .orderBy('pension.uuid')
    .execute();
  const lines: {
    month: string;
    pension_uuid: string;
    amount_fen: number;
    payment_id: string;
    status: string;
  }[] = [];
  for (let at = 0; at < due.length; at += CHUNK) {
    const chunk = due.slice(at, at + CHUNK);
    const total = chunk.reduce((s, p) => s + Number(p.monthly_fen), 0);
    const paid = await gf.transaction().execute(async (trx) => {
      await trx
        .updateTable('appropriation')
        .set({ committed: sql`committed + ${total}` })
        .where('id', '=', appropriationId)
        .execute();
      return trx
        .insertInto('payment')
        .values(
          chunk.map((p) => ({
            budget_unit_id: unit.id,
            appropriation_id: appropriationId,
            method: 'direct',
            payee_name: p.name,
            payee_account: p.bank_card,
            payee_bank: BANK,
            payee_resident_id: p.resident_id,
            amount: p.monthly_fen,
            purpose: `基本养老金 basic pension ${month}`,
            status: 'requested',
            requested_at: new Date(),
            requested_by: 'bench',
            source: 'bench-direct',
            source_reference: `pension:${month}:${p.uuid}`,
          })),
        )
        .returning('id')
        .execute();
    });
    for (const [i, p] of chunk.entries())
      lines.push({
        month,
        pension_uuid: p.uuid,
        amount_fen: Number(p.monthly_fen),
        payment_id: paid[i]!.id,
        status: 'requested',
      });
  }
  await ss.transaction().execute(async (trx) => {
    await trx
      .insertInto('payroll_run')
      .values({
        month,
        budget_unit: UNIT,
        appropriation_id: appropriationId,
        pensioners: lines.length,
        total_fen: lines.reduce((s, l) => s + l.amount_fen, 0),
        cancelled: 0,
        run_by: 'bench',
        run_at: new Date(),
      })
      .execute();
    for (let at = 0; at < lines.length; at += 5000)
      await trx
        .insertInto('payroll_line')
        .values(lines.slice(at, at + 5000))
        .execute();
  });
  return lines.length;
}

/**
 * `pnpm bench payroll` (issue 14): a monthly pension payroll for 100,000
 * pensioners through the kernel (social-security's `payroll.run`: permission,
 * audit, one transaction, a durable step) and golden-finance over HTTP (100
 * `payments.requestBatch` calls of 1,000 lines, each authorised, audited and
 * idempotent), against the same inserts done directly, in the same run.
 */
export const payrollBenchmark = {
  name: 'payroll',
  async run(): Promise<Report<PayrollFigures>> {
    const server = await benchDatabase();
    const target: DatabaseTarget = {
      name: 'postgres',
      config: (schema) => ({ kind: 'postgres', url: server.url, schema, poolSize: 5 }),
    };
    const ss = await bootApp(socialSecurity, target);
    const gf = await bootApp(goldenFinance, target);
    const serving = await serveAgencyApp(gf.app, { port: 0 });
    const lines = [
      'payroll',
      `  method:   ${num(PENSIONERS)} pensioners, one month each side, in the order kernel, direct, direct, kernel ` +
        `(a month of its own each); ${server.label}, a schema and a pool of 5 per app`,
    ];
    try {
      const registry = {
        resolve: async (name: string) => ({
          name,
          zone: 'internal' as const,
          baseUrl: serving.url,
          version: 'bench',
        }),
      } as RegistryClient;
      // Test tokens are short-lived and a run takes minutes: a service token minted afresh each minute.
      let minted = { at: 0, token: Promise.resolve('') };
      const serviceToken = () => {
        if (Date.now() - minted.at > 60_000)
          minted = {
            at: Date.now(),
            token: Promise.resolve(
              gf.identity.serviceToken({
                app: 'social-security',
                permissions: ['golden-finance.payment.request'],
              }),
            ),
          };
        return minted.token;
      };
      ss.app.attachNetwork(
        createNetwork({
          self: { name: 'social-security', zone: 'internal' },
          registry,
          tokens: { get: serviceToken },
        }),
      );
      const recorder = { by: 'bench', at: new Date() };
      const fdb = gf.app.database.db as Kysely<any>;
      await fdb.transaction().execute(async (trx) => {
        await registerBudgetUnit(
          trx as never,
          {
            code: UNIT,
            name: '社会保险基金 social insurance fund',
            creditCode: issueCreditCode({ division: '110000', organisationBody: 'PENFUND1' }),
            division: '110000',
          },
          recorder,
        );
      });
      const appropriation = await fdb.transaction().execute((trx) =>
        allocate(
          trx as never,
          {
            budgetUnit: UNIT,
            fiscalYear: 2026,
            economicClass: '303',
            amountFen: 9_000_000_000_000 as never,
          },
          recorder,
        ),
      );
      const sdb = ss.app.database.db as Kysely<any>;
      const seeded = performance.now();
      await seedPensioners(sdb, PENSIONERS);
      lines.push(
        `  set-up:   ${num(PENSIONERS)} pensioners written in ${num((performance.now() - seeded) / 1000)} s (not timed)`,
      );
      const kernelRun = async (month: string) => {
        const officer = await ss.token('social-security.payroll.run');
        const t0 = performance.now();
        const r = await ss.call(
          'payroll.run',
          { month, budgetUnit: UNIT, appropriationId: appropriation.id },
          officer,
        );
        if (r.status !== 200) throw new Error(`payroll.run answered ${r.status}: ${JSON.stringify(r.error)}`);
        const paid = (r.data as { pensioners: number }).pensioners;
        if (paid !== PENSIONERS) throw new Error(`payroll.run paid ${paid}, not ${PENSIONERS}`);
        return (performance.now() - t0) / 1000;
      };
      const directRunTimed = async (month: string) => {
        const t0 = performance.now();
        const paid = await directRun(sdb, fdb, month, appropriation.id);
        if (paid !== PENSIONERS) throw new Error(`the direct run paid ${paid}, not ${PENSIONERS}`);
        return (performance.now() - t0) / 1000;
      };
      const k1 = await kernelRun('2026-08');
      const d1 = await directRunTimed('2026-09');
      const d2 = await directRunTimed('2026-10');
      const k2 = await kernelRun('2026-11');
      const kernel = (2 * PENSIONERS) / (k1 + k2);
      const direct = (2 * PENSIONERS) / (d1 + d2);
      lines.push(
        `  kernel:   ${num(kernel)} pensioners/s (runs of ${num(k1)} s and ${num(k2)} s: payroll.run -> ${Math.ceil(PENSIONERS / CHUNK)} payments.requestBatch over HTTP, 3 in flight)`,
        `  direct:   ${num(direct)} pensioners/s (runs of ${num(d1)} s and ${num(d2)} s: the same rows, no kernel)`,
        `  ratio:    kernel at ${ratio(kernel, direct)} of direct (target >= 0.5x)`,
      );
      return { text: lines.join('\n'), figures: { kernel, direct } };
    } finally {
      await serving.stop();
      await gf.close();
      await ss.close();
    }
  },
};
