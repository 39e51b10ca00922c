import { inTransaction } from '@egov/kernel/db';
import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { awardPensionTo, getPension, recoveryClaims } from './pension.service.ts';
import { PensionView, presentClaim, presentPension, RecoveryClaimView } from './pension.view.ts';

export const AwardPensionInput = z.strictObject({
  residentId: residentIdInput,
  category: z.enum(['male', 'female-cadre', 'female-worker']),
  /** The first month paid: the statutory retirement month or later. */
  firstMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
});

/** Pensions (基本养老金): the award and, after a death, the claims for what was paid after it. */
export const pensionsRouter = router({
  award: procedure
    .requires('social-security.pension.award')
    .input(AwardPensionInput)
    .output(PensionView)
    .mutation(async ({ ctx, input }) =>
      presentPension(ctx, await inTransaction(ctx.db, (trx) => awardPensionTo(trx, input, recorderOf(ctx)))),
    ),
  get: procedure
    .requires('social-security.pension.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(PensionView)
    .query(async ({ ctx, input }) => presentPension(ctx, await getPension(ctx.db, input.residentId))),
  /** Months paid after the death: `open` to recover, `withdrawn` when the treasury cancelled the payment unpaid. */
  recoveries: procedure
    .requires('social-security.pension.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(
      z.strictObject({
        diedOn: z.iso.date().nullable(),
        openFen: z.number().int(),
        claims: z.array(RecoveryClaimView),
      }),
    )
    .query(async ({ ctx, input }) => {
      const pension = await getPension(ctx.db, input.residentId);
      ctx.audit.objects(`pension:${pension.uuid}`);
      const claims = await recoveryClaims(ctx.db, pension.uuid);
      return {
        diedOn: pension.diedOn,
        openFen: claims.filter((c) => c.status === 'open').reduce((s, c) => s + c.amountFen, 0),
        claims: claims.map(presentClaim),
      };
    }),
});
