import { DomainError } from '@egov/kernel/errors';
import { lookupDivision } from '@egov/standards';
import { z } from 'zod';
import { budgetUnitCodeInput, creditCodeInput, currentDivisionInput, textInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { BUDGET_UNIT } from './scope.ts';
import { type BudgetUnit, findBudgetUnit, registerBudgetUnit } from './budget-unit.service.ts';

export const RegisterBudgetUnitInput = z.strictObject({
  code: budgetUnitCodeInput,
  name: textInput(100),
  creditCode: creditCodeInput,
  division: currentDivisionInput,
});

export const BudgetUnitView = z.strictObject({
  code: z.string(),
  name: z.string(),
  creditCode: z.string().length(18),
  division: z.strictObject({ code: z.string().length(6), name: z.string() }),
  accounts: z.strictObject({ zeroBalance: z.string(), expenditure: z.string() }),
});

function present(unit: BudgetUnit): z.infer<typeof BudgetUnitView> {
  const { code, name, creditCode, division, accounts } = unit;
  return {
    code,
    name,
    creditCode,
    division: { code: division, name: lookupDivision(division)?.name ?? division },
    accounts,
  };
}

/** Budget units (预算单位): registered by the finance department, each with its own accounts. */
export const budgetUnitsRouter = router({
  register: procedure
    .requires('golden-finance.budget-unit.register')
    .input(RegisterBudgetUnitInput)
    .output(BudgetUnitView)
    .mutation(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.code, 'code');
      const unit = await inTransaction(ctx.db, (trx) => registerBudgetUnit(trx, input, recorderOf(ctx)));
      ctx.audit.objects(`budget-unit:${unit.code}`);
      return present(unit);
    }),
  get: procedure
    .requires('golden-finance.budget-unit.read')
    .input(z.strictObject({ code: budgetUnitCodeInput }))
    .output(BudgetUnitView)
    .query(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.code, 'code');
      const unit = await findBudgetUnit(ctx.db, input.code);
      if (!unit) throw new DomainError('NOT_FOUND', `no budget unit ${input.code}`, { field: 'code' });
      return present(unit);
    }),
});
