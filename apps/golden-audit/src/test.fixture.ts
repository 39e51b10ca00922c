import { type AgencyAppDefinition, defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { kernelTRPC } from '@egov/kernel/trpc';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { z } from 'zod';
import { goldenAudit } from './app.ts';
import type { GoldenAuditDatabase } from './database.ts';
import type { GoldenAuditRouter } from './router.ts';

/** Every permission golden-audit declares, by what tests call them. */
export const perm = {
  manage: 'golden-audit.project.manage',
  read: 'golden-audit.project.read',
  pull: 'golden-audit.data.pull',
  check: 'golden-audit.check.run',
  sample: 'golden-audit.sample.draw',
  rectify: 'golden-audit.finding.rectify',
  seal: 'golden-audit.seal.manage',
  export: 'golden-audit.report.export',
} as const;

/** The trial balance the stand-in golden-finance serves; tests unbalance it. */
export interface LedgerState {
  accounts: {
    code: string;
    name: string;
    type: 'asset' | 'liability' | 'revenue' | 'expenditure';
    debitFen: string;
    creditFen: string;
    balanceFen: string;
  }[];
  totalDebitFen: string;
  totalCreditFen: string;
}

/**
 * A stand-in golden-finance (apps may not import each other's code) serving
 * the two procedures golden-audit pulls, declared as the real ones are:
 * catalog resources GF-LED-0001 and GF-APR-0001, conditional, so the kernel
 * refuses any other app without a grant and records the grant it served under.
 */
/** Appropriations and payments the stand-in golden-finance serves, as its real views carry them. */
export interface FinanceState {
  appropriations: {
    id: string;
    budgetUnit: string;
    fiscalYear: number;
    economicClass: { code: string; name: string };
    allocatedFen: number;
  }[];
  payments: {
    id: string;
    budgetUnit: string;
    appropriationId: string;
    amountFen: number;
    status: 'requested' | 'approved' | 'rejected' | 'executed';
    requestedAt: string;
  }[];
}

function fakeFinance(ledger: LedgerState, books: FinanceState) {
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const total = z.string();
  return defineAgencyApp({
    name: 'golden-finance',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      appropriations: router({
        list: procedure
          .requires('golden-finance.appropriation.read', {
            resource: { id: 'GF-APR-0001', sharing: 'conditional' },
          })
          .input(z.strictObject({ budgetUnit: z.string(), fiscalYear: z.number().int().optional() }))
          .query(({ input }) =>
            books.appropriations.filter(
              (a) =>
                a.budgetUnit === input.budgetUnit && (!input.fiscalYear || a.fiscalYear === input.fiscalYear),
            ),
          ),
      }),
      payments: router({
        list: procedure
          .requires('golden-finance.payment.read', {
            resource: { id: 'GF-PAY-0001', sharing: 'conditional' },
          })
          .input(z.strictObject({ budgetUnit: z.string(), fiscalYear: z.number().int().optional() }))
          .query(({ input }) => books.payments.filter((p) => p.budgetUnit === input.budgetUnit)),
      }),
      ledger: router({
        trialBalance: procedure
          .requires('golden-finance.ledger.read', { resource: { id: 'GF-LED-0001', sharing: 'conditional' } })
          .input(z.strictObject({ asOf: z.string().optional() }))
          .output(
            z.strictObject({
              asOf: z.string().nullable(),
              accounts: z.array(
                z.strictObject({
                  code: z.string(),
                  name: z.string(),
                  type: z.enum(['asset', 'liability', 'revenue', 'expenditure']),
                  debitFen: total,
                  creditFen: total,
                  balanceFen: total,
                }),
              ),
              totalDebitFen: total,
              totalCreditFen: total,
              balanced: z.boolean(),
            }),
          )
          .query(({ input }) => ({ asOf: input.asOf ?? null, ...ledger, balanced: true })),
      }),
    }),
  });
}

/**
 * A stand-in platform: golden-audit's grants (what the owner granted it) and
 * grant tokens, signed by the owner app's trusted issuer as the platform's
 * key would be.
 */
function fakePlatform(state: {
  grants: { id: string; resourceId: string; procedures: string[] }[];
  sign: (g: { resourceId: string; procedures: string[] }) => Promise<string>;
  asked: string[];
}) {
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  return defineAgencyApp({
    name: 'platform',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      catalog: router({
        grants: procedure
          .requires('platform.catalog.read')
          .input(z.strictObject({ resourceId: z.string(), active: z.boolean() }))
          .query(({ input }) => {
            state.asked.push(`grants ${input.resourceId}`);
            return state.grants
              .filter((g) => g.resourceId === input.resourceId)
              .map((g) => ({ ...g, consumerApp: 'golden-audit' }));
          }),
        grantToken: procedure
          .requires('platform.exchange.token')
          .input(z.strictObject({ grantId: z.string() }))
          .query(async ({ input }) => {
            state.asked.push(`token ${input.grantId}`);
            const grant = state.grants.find((g) => g.id === input.grantId)!;
            return { token: await state.sign(grant) };
          }),
      }),
    }),
  });
}

/**
 * Boots golden-audit on a fresh schema of `target` with a stand-in platform
 * and golden-finance served over real HTTP, reached through the kernel's
 * network client with golden-audit's service tokens.
 */
export async function bootGoldenAudit(target: DatabaseTarget) {
  const booted: BootedApp<GoldenAuditDatabase, GoldenAuditRouter> = await bootApp(goldenAudit, target);
  const ledger: LedgerState = {
    accounts: [
      {
        code: 'tsa',
        name: '国库存款',
        type: 'asset',
        debitFen: '9010000000000000',
        creditFen: '0',
        balanceFen: '9010000000000000',
      },
      {
        code: 'tax',
        name: '税收收入',
        type: 'revenue',
        debitFen: '0',
        creditFen: '9010000000000000',
        balanceFen: '9010000000000000',
      },
    ],
    totalDebitFen: '9010000000000000',
    totalCreditFen: '9010000000000000',
  };
  const books: FinanceState = { appropriations: [], payments: [] };
  const finance: BootedApp<unknown> = await bootApp(
    fakeFinance(ledger, books) as AgencyAppDefinition<unknown>,
    target,
  );
  const platformState = {
    grants: [{ id: 'G-test-golden-audit', resourceId: 'GF-LED-0001', procedures: ['ledger.trialBalance'] }],
    asked: [] as string[],
    sign: (g: { resourceId: string; procedures: string[] }) =>
      finance.identity.grantToken({
        consumer: 'golden-audit',
        owner: 'golden-finance',
        resource: g.resourceId,
        procedures: g.procedures,
      }),
  };
  const platform: BootedApp<unknown> = await bootApp(
    fakePlatform(platformState) as AgencyAppDefinition<unknown>,
    target,
  );
  const servings = {
    'golden-finance': await serveAgencyApp(finance.app, { port: 0 }),
    platform: await serveAgencyApp(platform.app, { port: 0 }),
  };
  const registry = {
    resolve: async (name: string) => ({
      name,
      zone: 'internal' as const,
      baseUrl: servings[name as keyof typeof servings].url,
      version: 'test',
    }),
  } as RegistryClient;
  const tokens = {
    get: (audience: string) =>
      (audience === 'platform' ? platform : finance).identity.serviceToken({
        app: 'golden-audit',
        permissions: [
          'platform.catalog.read',
          'platform.exchange.token',
          'golden-finance.ledger.read',
          'golden-finance.appropriation.read',
          'golden-finance.payment.read',
        ],
      }),
  };
  booted.app.attachNetwork(
    createNetwork({ self: { name: 'golden-audit', zone: 'internal' }, registry, tokens, retryBaseMs: 1 }),
  );
  const records = async (app: BootedApp<unknown> | typeof booted, procedure: string) => {
    const database = app.app.database;
    const { rows } = await sql<{
      kind: string;
      actor: string;
      outcome: string;
      object_ids: string[];
      error_code: string | null;
    }>`select * from ${sql.table(
      `${database.schema}.audit_record`,
    )} where procedure = ${procedure} order by seq`.execute(database.db);
    return rows;
  };
  return {
    ...booted,
    db: booted.app.database.db,
    /** Row counts of golden-audit's own tables (the kernel's rate-limit counter moves with each new caller). */
    rows: () =>
      booted.counts([
        'audit_project',
        'data_pull',
        'audit_sample',
        'finding',
        'report_seal_key',
        'audit_report',
        'idempotency_key',
      ]),
    ledger,
    books,
    platformState,
    /** Audit records of `procedure` at golden-audit, or at the owner. */
    audit: (procedure: string, side: 'ours' | 'owner' = 'ours') =>
      records(side === 'ours' ? booted : finance, procedure),
    close: async () => {
      await servings['golden-finance'].stop();
      await servings.platform.stop();
      await platform.close();
      await finance.close();
      await booted.close();
    },
  };
}

export type GoldenAuditTestApp = Awaited<ReturnType<typeof bootGoldenAudit>>;

/** A project input the tests vary. */
export const projectInput = (patch: Record<string, unknown> = {}) => ({
  code: `审计-2026-${Math.random().toString(36).slice(2, 8)}`,
  title: '2026年度国库资金审计',
  auditedAgencies: ['mof'],
  resources: ['GF-LED-0001', 'GF-APR-0001'],
  scope: 'The treasury ledger of 2026.',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  leader: 'leader',
  members: ['tester'],
  ...patch,
});
