import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import type { PlatformRouter } from '@egov/platform/router';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import { actorOf } from '../shared/actor.ts';
import { dateInput, monthInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { type Exchange, listPulls, type PullRequest, pullSource } from './pull.service.ts';

const unserved = z.enum(['deaths', 'pension-payments', 'customs-certificates']);

/** What to pull, by source; each source's parameters, checked against the project's period. */
export const PullInput = z.strictObject({
  projectId: z.uuid(),
  request: z.discriminatedUnion('source', [
    z.strictObject({
      source: z.literal('appropriations'),
      budgetUnit: z.string().regex(/^\d{6,12}$/, 'budget unit code must be 6 to 12 digits'),
      fiscalYear: z.number().int().min(2000).max(2100),
    }),
    z.strictObject({
      source: z.literal('payments'),
      budgetUnit: z.string().regex(/^\d{6,12}$/, 'budget unit code must be 6 to 12 digits'),
      fiscalYear: z.number().int().min(2000).max(2100),
    }),
    z.strictObject({ source: z.literal('treasury-ledger'), asOf: dateInput }),
    z.strictObject({
      source: z.literal('import-vat-deductions'),
      creditCode: creditCodeSchema,
      period: monthInput,
    }),
    z.strictObject({ source: unserved }),
  ]),
});

export const PullView = z.strictObject({
  id: z.uuid(),
  projectId: z.uuid(),
  source: z.string(),
  resourceId: z.string(),
  ownerApp: z.string(),
  procedure: z.string(),
  grantId: z.string(),
  params: z.record(z.string(), z.unknown()),
  recordCount: z.number().int(),
  digest: z.string(),
  pulledBy: z.string(),
  pulledAt: z.string(),
});

type Connect = <R extends import('@trpc/server').AnyRouter>(
  name: string,
  options?: { grant?: string },
) => import('@trpc/client').TRPCClient<R>;

/**
 * The exchange over the network client: grants and their tokens from the
 * platform, the owner's procedure with the grant token. Each owner's answer
 * is mapped to the data shape the rules read.
 */
function exchangeOver(connect: Connect): Exchange {
  return {
    grants: async (resourceId) =>
      (await connect<PlatformRouter>('platform').catalog.grants.query({ resourceId, active: true }))
        .filter((g) => g.consumerApp === 'golden-audit')
        .map((g) => ({ id: g.id, procedures: g.procedures })),
    grantToken: async (grantId) =>
      (await connect<PlatformRouter>('platform').catalog.grantToken.query({ grantId })).token,
    fetch: async (request: PullRequest, grant: string) => {
      if (request.source === 'appropriations') {
        const finance = connect<GoldenFinanceRouter>('golden-finance', { grant });
        const list = await finance.appropriations.list.query({
          budgetUnit: request.budgetUnit,
          fiscalYear: request.fiscalYear,
        });
        return list.map((a) => ({
          id: a.id,
          budgetUnit: a.budgetUnit,
          fiscalYear: a.fiscalYear,
          economicClass: a.economicClass.code,
          allocatedFen: a.allocatedFen,
        }));
      }
      if (request.source === 'payments') {
        const finance = connect<GoldenFinanceRouter>('golden-finance', { grant });
        const list = await finance.payments.list.query({
          budgetUnit: request.budgetUnit,
          fiscalYear: request.fiscalYear,
        });
        return list.map((p) => ({
          id: p.id,
          appropriationId: p.appropriationId,
          amountFen: p.amountFen,
          status: p.status,
          requestedAt: p.requestedAt,
        }));
      }
      if (request.source === 'treasury-ledger') {
        const finance = connect<GoldenFinanceRouter>('golden-finance', { grant });
        return [await finance.ledger.trialBalance.query({ asOf: request.asOf })];
      }
      if (request.source === 'import-vat-deductions') {
        const tax = connect<GoldenTaxRouter>('golden-tax', { grant });
        const inputs = await tax.inputs.list.query({
          creditCode: request.creditCode,
          period: request.period,
        });
        return inputs
          .filter((i) => i.source === 'customs')
          .map((i) => ({
            creditCode: request.creditCode,
            reference: i.reference,
            declarationId: i.declarationId,
            taxFen: i.taxFen,
            period: i.period,
          }));
      }
      throw new Error(`${request.source} is not served yet`);
    },
  };
}

/** Networked audit (联网审计): data pulled from the owners through the catalog and exchange, and only so. */
export const pullsRouter = router({
  run: procedure
    .requires('golden-audit.data.pull')
    .input(PullInput)
    .output(PullView)
    .mutation(async ({ ctx, input }) => {
      const pull = await pullSource(
        ctx.db,
        input.projectId,
        input.request as PullRequest,
        exchangeOver(ctx.connect as Connect),
        actorOf(ctx),
      );
      ctx.audit.objects(
        `project:${input.projectId}`,
        `pull:${pull.id}`,
        `grant:${pull.grantId}`,
        `resource:${pull.resourceId}`,
      );
      return pull;
    }),
  list: procedure
    .requires('golden-audit.project.read')
    .input(z.strictObject({ projectId: z.uuid() }))
    .output(z.array(PullView))
    .query(({ ctx, input }) => listPulls(ctx.db, input.projectId)),
});
