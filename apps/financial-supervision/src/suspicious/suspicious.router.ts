import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { creditCodeInput, dayInput, minorAmountInput, nameInput, residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { ReferInput, referStep } from './refer.step.ts';
import { fileSuspicious, requireSuspicious } from './suspicious.service.ts';
import { presentSuspicious, SuspiciousView } from './suspicious.view.ts';

/** Suspicious transaction reports (可疑交易报告): any amount, with grounds. */
export const suspiciousRouter = router({
  file: procedure
    .requires('financial-supervision.suspicious.file')
    .input(
      z.strictObject({
        institution: creditCodeInput,
        subject: z.strictObject({ residentId: residentIdInput, name: nameInput }),
        relatedCompany: creditCodeInput.optional(),
        periodFrom: dayInput,
        periodTo: dayInput,
        currency: z.enum(['CNY', 'USD']),
        /** Any amount in minor units, zero included (an attempted transaction); whole units only. */
        amountMinor: minorAmountInput,
        /** Why the institution suspects the transactions (article 11: 可疑交易报告的理由). */
        grounds: z.string().trim().min(20).max(4000).meta({ multiline: true }),
      }),
    )
    .output(SuspiciousView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.institution}`);
      return presentSuspicious(ctx, await fileSuspicious(ctx.db, input, recorderOf(ctx)));
    }),
  /** Flow 6: identity check and case at golden-shield, invoice check at golden-tax (a durable step). */
  refer: procedure
    .requires('financial-supervision.suspicious.refer')
    .input(ReferInput)
    .output(SuspiciousView)
    .mutation(async ({ ctx, input }) => presentSuspicious(ctx, await ctx.step(referStep, input))),
  get: procedure
    .requires('financial-supervision.suspicious.read')
    .input(z.strictObject({ id: z.number().int().positive() }))
    .output(SuspiciousView)
    .query(async ({ ctx, input }) => presentSuspicious(ctx, await requireSuspicious(ctx.db, input.id))),
});
