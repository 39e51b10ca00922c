import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import { defineStep } from '@egov/kernel/steps';
import { z } from 'zod';
import type { GoldenCustomsDatabase } from '../database.ts';
import { declarationPaid, paidPayload } from '../events.ts';
import { idInput } from '../shared/inputs.ts';
import { payDeclaration } from './payment.service.ts';
import { treasuryOverNetwork } from './treasury-client.ts';

export const PayInput = z.strictObject({
  declarationId: idInput,
  /** The amount paid in fen; when stated it must be exactly the total due. */
  amountFen: z.number().int().nonnegative().optional(),
});

/**
 * Paying a declaration into the treasury, as a durable cross-agency step
 * (ADR 11): golden-finance commits each receipt before customs commits the
 * payment, so customs records the step in its own database before the first
 * call, and if its transaction does not commit (a killed process, a lost
 * connection, the treasury down mid-way) the kernel's recovery loop runs this
 * again with the same key, input and time. The treasury answers the repeated
 * calls from its idempotency store (and by reference), so no receipt is
 * made twice; the declaration is marked paid with the first receipts and its
 * event published, in one transaction.
 *
 * @example
 * .mutation(async ({ ctx, input }) => presentDeclaration(await ctx.step(payStep, input)))
 */
export const payStep = defineStep<GoldenCustomsDatabase>()({
  name: 'declarations.pay',
  input: PayInput,
  run: async (ctx, input) => {
    ctx.audit.objects(`declaration:${input.declarationId}`);
    const treasury = treasuryOverNetwork(() => ctx.connect<GoldenFinanceRouter>('golden-finance'));
    const { declaration, newlyPaid } = await payDeclaration(ctx.db, input, treasury, {
      by: ctx.by,
      at: ctx.at,
    });
    if (newlyPaid) await ctx.publish(declarationPaid, paidPayload(declaration));
    return declaration;
  },
});
