import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { getPayrollRun, type PayrollRun } from './payroll.service.ts';
import { payrollStep, RunPayrollInput } from './payroll.step.ts';

const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');

export const PayrollRunView = z.strictObject({
  month: z.string(),
  budgetUnit: z.string(),
  appropriationId: z.uuid(),
  /** Pensioners whose payment golden-finance accepted. */
  pensioners: z.number().int(),
  totalFen: z.number().int(),
  /** Lines golden-finance cancelled at once: golden-shield had reported the payee dead. */
  cancelled: z.number().int(),
  runBy: z.string(),
  runAt: z.iso.datetime(),
});

const present = (run: PayrollRun) => ({ ...run, runAt: run.runAt.toISOString() });

/** The monthly pension payroll, paid through golden-finance. */
export const payrollRouter = router({
  run: procedure
    .requires('social-security.payroll.run')
    .input(RunPayrollInput)
    .output(PayrollRunView.extend({ heldNoCard: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const run = await ctx.step(payrollStep, input);
      return { ...present(run), heldNoCard: run.heldNoCard };
    }),
  get: procedure
    .requires('social-security.payroll.read')
    .input(z.strictObject({ month: monthInput }))
    .output(PayrollRunView)
    .query(async ({ ctx, input }) => {
      ctx.audit.objects(`payroll:${input.month}`);
      return present(await getPayrollRun(ctx.db, input.month));
    }),
});
