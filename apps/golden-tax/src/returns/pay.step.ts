import { defineStep } from '@egov/kernel/steps';
import { z } from 'zod';
import type { GoldenTaxDatabase } from '../database.ts';
import { auditObject } from '../shared/audit.ts';
import { creditCodeInput, periodInput } from '../shared/inputs.ts';
import { duePayment, markPaid } from './payment.service.ts';

export const PayInput = z.strictObject({ creditCode: creditCodeInput, period: periodInput });

/**
 * Paying a filed return's VAT into the treasury, as a durable cross-agency step (ADR 11, as
 * customs' `declarations.pay`): golden-finance commits the receipt (`treasury.receive`, source
 * `domestic-vat`) before golden-tax commits the payment, so the kernel records the step in
 * golden-tax's own database before the call leaves, and if golden-tax's transaction does not
 * commit (a killed process, a lost connection) the recovery loop runs this again with the same
 * key, input and time: the treasury answers from its idempotency store (and by the payment's
 * reference), so no second receipt is made, and the payment is marked paid with the first.
 *
 * @example
 * .mutation(async ({ ctx, input }) => ctx.step(payStep, input))
 */
export const payStep = defineStep<GoldenTaxDatabase>()({
  name: 'returns.pay',
  input: PayInput,
  run: async (ctx, input) => {
    // A resumed step finds the payment still due (its transaction never committed); two payments at
    // once send the same reference, get the treasury's one receipt, and markPaid accepts it twice.
    const { vatReturn, payment } = await duePayment(ctx.db, input.creditCode, input.period);
    ctx.audit.objects(auditObject.return(vatReturn.id));
    const receipt = await ctx.connect('golden-finance').treasury.receive.mutate({
      source: 'domestic-vat',
      sourceReference: payment.reference,
      payer: input.creditCode,
      amountFen: payment.amountFen,
      receivedAt: ctx.at.toISOString(),
    });
    return markPaid(ctx.db, vatReturn.id, {
      receiptId: receipt.id,
      receivedAt: new Date(receipt.receivedAt),
    });
  },
});
