import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import { defineStep } from '@egov/kernel/steps';
import { z } from 'zod';
import type { SocialSecurityDatabase } from '../database.ts';
import {
  CARD_ACCOUNT_BANK,
  checkRunnable,
  getPayrollRun,
  PAYROLL_CHUNK,
  PAYROLL_IN_FLIGHT,
  type PayrollCandidate,
  type PayrollRun,
  payrollReference,
  pensionersDue,
  type RequestedLine,
  recordLines,
} from './payroll.service.ts';

export const RunPayrollInput = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
  /** The social-security fund's budget unit at golden-finance and the appropriation the pensions are paid from. */
  budgetUnit: z.string().regex(/^\d{6,12}$/, 'a budget unit code is 6 to 12 digits'),
  appropriationId: z.uuid(),
});

/**
 * The monthly payroll (养老金发放), as a durable cross-agency step (ADR 11):
 * golden-finance commits each batch of payment requests before this app
 * commits the run, so the kernel records the step before the first call, and
 * if the run's transaction does not commit (a killed process, a lost
 * connection) the recovery loop runs it again with the same key, input and
 * time. Finance answers the repeated batches from its idempotency store and
 * by line reference (`pension:<month>:<pension>`), so nobody is requested
 * twice; the run and its lines commit together. A run refuses a future
 * month and a month already run. Pensioners without an active card are held
 * (not paid) and counted.
 *
 * @example
 * .mutation(({ ctx, input }) => ctx.step(payrollStep, input))
 */
export const payrollStep = defineStep<SocialSecurityDatabase>()({
  name: 'payroll.run',
  input: RunPayrollInput,
  run: async (ctx, input): Promise<PayrollRun & { heldNoCard: number }> => {
    ctx.audit.objects(`payroll:${input.month}`, `appropriation:${input.appropriationId}`);
    await checkRunnable(ctx.db, input.month, ctx.at);
    const due = await pensionersDue(ctx.db, input.month);
    const payable = due.filter((p) => p.bankCard !== null);
    const finance = ctx.connect<GoldenFinanceRouter>('golden-finance');
    const answered: RequestedLine[] = [];
    const chunks: PayrollCandidate[][] = [];
    for (let at = 0; at < payable.length; at += PAYROLL_CHUNK)
      chunks.push(payable.slice(at, at + PAYROLL_CHUNK));
    const request = (chunk: PayrollCandidate[]) =>
      finance.payments.requestBatch.mutate({
        budgetUnit: input.budgetUnit,
        appropriationId: input.appropriationId,
        method: 'direct',
        lines: chunk.map((p) => ({
          reference: payrollReference(input.month, p.pensionUuid),
          payee: { name: p.name, account: p.bankCard!, bank: CARD_ACCOUNT_BANK, residentId: p.residentId },
          amountFen: p.amountFen,
          purpose: `基本养老金 basic pension ${input.month}`,
        })),
      });
    // The first call alone: it is the one that records the step (kernel: before the first call leaves);
    // the rest PAYROLL_IN_FLIGHT at a time.
    const windows = chunks.length === 0 ? [] : [chunks.slice(0, 1)];
    for (let at = 1; at < chunks.length; at += PAYROLL_IN_FLIGHT)
      windows.push(chunks.slice(at, at + PAYROLL_IN_FLIGHT));
    for (const window of windows) {
      // The calls leave in a fixed order within the window (map calls mutate synchronously, and each call
      // takes its idempotency key from its position), so a resumed run sends the same keys with the same lines.
      const results = await Promise.all(window.map(request));
      for (const [w, chunk] of window.entries())
        for (const [i, p] of chunk.entries()) {
          const line = results[w]!.lines[i]!;
          answered.push({
            pensionUuid: p.pensionUuid,
            amountFen: p.amountFen,
            paymentId: line.paymentId,
            status: line.status === 'cancelled' ? 'cancelled' : 'requested',
          });
        }
    }
    await ctx.db
      .insertInto('payroll_run')
      .values({
        month: input.month,
        budget_unit: input.budgetUnit,
        appropriation_id: input.appropriationId,
        pensioners: answered.filter((l) => l.status === 'requested').length,
        total_fen: answered
          .filter((l) => l.status === 'requested')
          .reduce((s, l) => s + BigInt(l.amountFen), 0n)
          .toString(),
        cancelled: answered.filter((l) => l.status === 'cancelled').length,
        run_by: ctx.by,
        run_at: ctx.at,
      })
      .execute();
    for (let at = 0; at < answered.length; at += 5000)
      await recordLines(ctx.db, input.month, answered.slice(at, at + 5000));
    return { ...(await getPayrollRun(ctx.db, input.month)), heldNoCard: due.length - payable.length };
  },
});
