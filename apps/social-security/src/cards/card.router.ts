import { recorderOf } from '@egov/kernel/trpc';
import { bankCardSchema } from '@egov/standards';
import { z } from 'zod';
import { residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { getCard, issueCard, reissueCard, reportCardLost } from './card.service.ts';
import { CardView, presentCard } from './card.view.ts';

const CardInput = z.strictObject({ residentId: residentIdInput, bankCard: bankCardSchema });

/** Social-security cards (社会保障卡): issue, report lost, reissue. */
export const cardsRouter = router({
  issue: procedure
    .requires('social-security.card.issue')
    .input(CardInput)
    .output(CardView)
    .mutation(async ({ ctx, input }) => presentCard(ctx, await issueCard(ctx.db, input, recorderOf(ctx)))),
  reportLost: procedure
    .requires('social-security.card.report')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(CardView)
    .mutation(async ({ ctx, input }) =>
      presentCard(ctx, await reportCardLost(ctx.db, input, recorderOf(ctx))),
    ),
  reissue: procedure
    .requires('social-security.card.issue')
    .input(CardInput)
    .output(CardView)
    .mutation(async ({ ctx, input }) => presentCard(ctx, await reissueCard(ctx.db, input, recorderOf(ctx)))),
  get: procedure
    .requires('social-security.card.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(CardView)
    .query(async ({ ctx, input }) => presentCard(ctx, await getCard(ctx.db, input.residentId))),
});
