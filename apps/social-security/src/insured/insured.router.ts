import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { identityOverNetwork } from '../shared/identity.ts';
import { personNameInput, residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { enrolInsured, getInsured } from './insured.service.ts';
import { InsuredView, presentInsured } from './insured.view.ts';

export const EnrolInput = z.strictObject({ residentId: residentIdInput, name: personNameInput });

/** Insured persons (参保人): enrolled by resident ID once golden-shield confirms the name and ID. */
export const insuredRouter = router({
  enrol: procedure
    .requires('social-security.insured.enrol')
    .input(EnrolInput)
    .output(InsuredView)
    .mutation(async ({ ctx, input }) => {
      const shield = identityOverNetwork(() => ctx.connect<GoldenShieldRouter>('golden-shield'));
      return presentInsured(ctx, await enrolInsured(ctx.db, input, shield, recorderOf(ctx)));
    }),
  get: procedure
    .requires('social-security.insured.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(InsuredView)
    .query(async ({ ctx, input }) => presentInsured(ctx, await getInsured(ctx.db, input.residentId))),
});
