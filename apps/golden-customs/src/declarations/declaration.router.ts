import type { GoldenQualityRouter } from '@egov/golden-quality/router';
import { z } from 'zod';
import {
  certifiedPayload,
  declarationReleased,
  declarationSubmitted,
  importVatCertified,
  releasedPayload,
  submittedPayload,
} from '../events.ts';
import { PayInput, payStep } from '../payments/pay.step.ts';
import { idInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { SubmitDeclarationInput } from './declaration.schemas.ts';
import { getDeclaration } from './declaration-read.service.ts';
import { submitDeclaration } from './declaration.service.ts';
import { DeclarationView, presentDeclaration } from './declaration.view.ts';
import { cccOverNetwork, releaseDeclaration } from './release.service.ts';

export { PayInput };

const ById = z.strictObject({ declarationId: idInput });

/**
 * Import declarations (进口报关单): submit (valued, assessed, laned), read,
 * pay into the treasury through golden-finance, release.
 */
export const declarationsRouter = router({
  submit: procedure
    .requires('golden-customs.declaration.submit')
    .input(SubmitDeclarationInput)
    .output(DeclarationView)
    .mutation(async ({ ctx, input }) => {
      const declaration = await submitDeclaration(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`declaration:${declaration.id}`);
      await ctx.publish(declarationSubmitted, submittedPayload(declaration));
      return presentDeclaration(declaration);
    }),
  get: procedure
    .requires('golden-customs.declaration.read')
    .input(ById)
    .output(DeclarationView)
    .query(async ({ ctx, input }) => {
      ctx.audit.objects(`declaration:${input.declarationId}`);
      return presentDeclaration(await getDeclaration(ctx.db, input.declarationId));
    }),
  pay: procedure
    .requires('golden-customs.declaration.pay')
    .input(PayInput)
    .output(DeclarationView)
    // A durable cross-agency step: if this transaction does not commit after the treasury did, the kernel
    // resumes the payment from customs' own record (ADR 11).
    .mutation(async ({ ctx, input }) => presentDeclaration(await ctx.step(payStep, input))),
  release: procedure
    .requires('golden-customs.declaration.release')
    .input(ById)
    .output(DeclarationView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`declaration:${input.declarationId}`);
      const ccc = cccOverNetwork(() => ctx.connect<GoldenQualityRouter>('golden-quality'));
      const declaration = await releaseDeclaration(ctx.db, input.declarationId, recorderOf(ctx), ccc);
      await ctx.publish(declarationReleased, releasedPayload(declaration));
      const certificate = certifiedPayload(declaration);
      if (certificate) await ctx.publish(importVatCertified, certificate);
      return presentDeclaration(declaration);
    }),
});
