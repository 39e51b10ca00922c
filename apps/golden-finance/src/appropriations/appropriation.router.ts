import { z } from 'zod';
import { amountFenInput, budgetUnitCodeInput, idInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { BUDGET_UNIT } from '../budget-units/scope.ts';
import { procedure, router } from '../trpc.ts';
import {
  type Appropriation,
  allocate,
  getAppropriation,
  listAppropriations,
} from './appropriation.service.ts';
import { economicClasses, isEconomicClass } from './economic-classes.ts';

const fiscalYearInput = z.number().int().min(2000).max(2100);

/** A class of the economic classification (rule `economic_class` names an unknown one). */
const economicClassInput = z.string().refine(isEconomicClass, {
  message: `economic class must be one of ${Object.keys(economicClasses).join(', ')}`,
  params: { rule: 'economic_class' },
});

export const AllocateInput = z.strictObject({
  budgetUnit: budgetUnitCodeInput,
  fiscalYear: fiscalYearInput,
  economicClass: economicClassInput,
  amountFen: amountFenInput('appropriation'),
});

const fenOut = z.number().int();

export const AppropriationView = z.strictObject({
  id: z.uuid(),
  budgetUnit: z.string(),
  fiscalYear: z.number().int(),
  economicClass: z.strictObject({ code: z.string(), name: z.string() }),
  allocatedFen: fenOut,
  committedFen: fenOut,
  remainingFen: fenOut,
  executedFen: fenOut,
});

function present(a: Appropriation): z.infer<typeof AppropriationView> {
  const name = isEconomicClass(a.economicClass) ? economicClasses[a.economicClass] : a.economicClass;
  return { ...a, economicClass: { code: a.economicClass, name } };
}

/** Appropriations (预算指标): what each unit may spend, per fiscal year and economic class. */
export const appropriationsRouter = router({
  allocate: procedure
    .requires('golden-finance.appropriation.allocate')
    .input(AllocateInput)
    .output(AppropriationView)
    .mutation(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.budgetUnit, 'budgetUnit');
      const appropriation = await inTransaction(ctx.db, (trx) =>
        allocate(
          trx,
          { ...input, economicClass: input.economicClass as keyof typeof economicClasses },
          recorderOf(ctx),
        ),
      );
      ctx.audit.objects(`appropriation:${appropriation.id}`, `budget-unit:${appropriation.budgetUnit}`);
      return present(appropriation);
    }),
  get: procedure
    .requires('golden-finance.appropriation.read')
    .input(z.strictObject({ id: idInput }))
    .output(AppropriationView)
    .query(async ({ ctx, input }) => {
      const appropriation = await getAppropriation(ctx.db, input.id);
      ctx.scope.require(BUDGET_UNIT, appropriation.budgetUnit, 'id');
      return present(appropriation);
    }),
  list: procedure
    // Catalog resource GF-APR-0001: another agency's app (the audit office's) reads appropriations only under the ministry's grant.
    .requires('golden-finance.appropriation.read', {
      resource: { id: 'GF-APR-0001', sharing: 'conditional' },
    })
    .input(z.strictObject({ budgetUnit: budgetUnitCodeInput, fiscalYear: fiscalYearInput.optional() }))
    .output(z.array(AppropriationView))
    .query(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.budgetUnit, 'budgetUnit');
      return (await listAppropriations(ctx.db, input)).map(present);
    }),
});
