import { randomUUID } from 'node:crypto';
import { type CreditCode, fen, issueCreditCode } from '@egov/standards';
import { bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { goldenFinance } from './app.ts';
import { financePermissions as perm } from './roles.ts';

export { perm };

const tables = [
  'budget_unit',
  'account',
  'appropriation',
  'journal',
  'journal_line',
  'payment',
  'expected_item',
  'receipt',
  'reconciliation_run',
] as const;

/** A valid card (Luhn) for payees. */
export const PAYEE_CARD = '6222021001123456789';

/** A credit code for a test unit or payer: `n` makes it unique. */
export function creditCode(n: number, authority = '1'): CreditCode {
  const body = String(n).padStart(8, '0');
  return issueCreditCode({ authority, entityType: '1', division: '110000', organisationBody: body });
}

export interface Actor {
  token: string;
}

/**
 * Boots golden-finance on a fresh schema of `target` with helpers the suites
 * share: HTTP calls, tokens per official, row counts of every table (and the
 * committed total) to prove a refused call wrote nothing, and short cuts to
 * set up units, appropriations and payments.
 *
 * @example
 * const gf = await bootGoldenFinance(target);
 * const r = await gf.call('payments.request', input, gf.as.accountant);
 */
export async function bootGoldenFinance(target: DatabaseTarget) {
  const booted = await bootApp(goldenFinance, target);
  const db = booted.app.database.db;
  /** An official of the finance department: department-wide scope over budget units (`*`), as the platform issues it. */
  const official = (username: string, ...permissions: string[]) =>
    booted.identity.officialToken({ permissions, username, agency: 'mof', scopes: { 'budget-unit': ['*'] } });
  /** An official scoped to some budget units only (a unit's own accountant). */
  const scoped = (username: string, units: string[], ...permissions: string[]) =>
    booted.identity.officialToken({ permissions, username, agency: 'mof', scopes: { 'budget-unit': units } });
  /** Golden Customs / Golden Tax calling with their own identity. */
  const service = (app: string, ...permissions: string[]) =>
    booted.identity.serviceToken({ app, permissions });
  const as = {
    budget: await official(
      'budget-officer',
      perm.registerUnit,
      perm.readUnit,
      perm.allocate,
      perm.readAppropriation,
    ),
    accountant: await official(
      'unit-accountant',
      perm.requestPayment,
      perm.readPayment,
      perm.readAppropriation,
    ),
    reviewer: await official('reviewer', perm.approvePayment, perm.readPayment),
    clerk: await official('payment-clerk', perm.executePayment, perm.readPayment),
    treasury: await official(
      'treasury-accountant',
      perm.resolve,
      perm.readTreasury,
      perm.readLedger,
      perm.reconcile,
    ),
    customs: await service('golden-customs', perm.expect, perm.receive, perm.readTreasury),
    tax: await service('golden-tax', perm.expect, perm.receive, perm.readTreasury),
  };
  // Services must send a key with each mutation: `call` sends a fresh one, which keeps the kernel's replay out of the way.
  const { call } = booted;
  const ok = async <T>(
    path: string,
    input: unknown,
    token: string,
    type: 'query' | 'mutation' = 'mutation',
  ) => {
    const r = await call(path, input, token, type);
    if (r.status !== 200) throw new Error(`${path} answered ${r.status}: ${JSON.stringify(r.error)}`);
    return r.data as T;
  };
  let units = 0;
  const helpers = {
    ...booted,
    db,
    as,
    official,
    scoped,
    service,
    call,
    ok,
    counts: async () => {
      const out = await booted.counts(tables);
      const committed = await db
        .selectFrom('appropriation')
        .select(sql<string>`coalesce(sum(committed), 0)::text`.as('n'))
        .executeTakeFirstOrThrow();
      out.committed = Number(committed.n);
      return out;
    },
    /** Registers a fresh unit; returns its code. */
    unit: async (name = '测试单位') => {
      units += 1;
      const code = `9${String(units).padStart(2, '0')}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
      await ok(
        'budgetUnits.register',
        { code, name: `${name}${units}`, creditCode: creditCode(Number(code.slice(1))), division: '110105' },
        as.budget,
      );
      return code;
    },
    /** Allocates an appropriation to `budgetUnit`; returns its id. */
    appropriation: async (budgetUnit: string, amountFen: number, economicClass = '302', fiscalYear = 2026) =>
      (
        await ok<{ id: string }>(
          'appropriations.allocate',
          { budgetUnit, fiscalYear, economicClass, amountFen: fen(amountFen) },
          as.budget,
        )
      ).id,
    paymentInput: (budgetUnit: string, appropriationId: string, amountFen: number, method = 'direct') => ({
      budgetUnit,
      appropriationId,
      method,
      payee: { name: '北京测试供应商有限公司', account: PAYEE_CARD, bank: '中国工商银行' },
      amountFen,
      purpose: '测试采购 test purchase',
    }),
    /** An account's balance as a number: the API serves exact decimal strings; test amounts stay far below 2^53. */
    balance: async (account: string) =>
      Number(
        (await ok<{ balanceFen: string }>('ledger.accountBalance', { account }, as.treasury, 'query'))
          .balanceFen,
      ),
    trialBalance: async () =>
      ok<{
        totalDebitFen: string;
        totalCreditFen: string;
        balanced: boolean;
        accounts: { code: string; balanceFen: string }[];
      }>('ledger.trialBalance', {}, as.treasury, 'query'),
  };
  return {
    ...helpers,
    /** Requests, approves and executes a payment; returns it as executed. */
    pay: async (budgetUnit: string, appropriationId: string, amountFen: number, method = 'direct') => {
      const requested = await ok<{ id: string }>(
        'payments.request',
        helpers.paymentInput(budgetUnit, appropriationId, amountFen, method),
        as.accountant,
      );
      await ok('payments.approve', { paymentId: requested.id }, as.reviewer);
      return ok<{ id: string; status: string; journalIds: number[] }>(
        'payments.execute',
        { paymentId: requested.id },
        as.clerk,
      );
    },
  };
}

export type GoldenFinanceTestApp = Awaited<ReturnType<typeof bootGoldenFinance>>;

/** A source reference no other test uses. */
export function reference(prefix = 'REF'): string {
  return `${prefix}-${randomUUID().slice(0, 18)}`;
}

/** An instant an hour ago, as an offset ISO string. */
export function anHourAgo(): string {
  return new Date(Date.now() - 3_600_000).toISOString();
}
