import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { shieldOf } from '../entities/entity.router.ts';
import { EntityRegistrationInput, TaxpayerKindInput } from '../entities/entity.schemas.ts';
import { EntityView, presentEntity } from '../entities/entity.view.ts';
import { entityRegistered, entityRegisteredPayload } from '../events.ts';
import { procedure, router } from '../trpc.ts';
import { type BusinessApplication, getApplication, submitApplication } from './application.service.ts';

/** The portal's application number (e.g. `KB-2026-000123`): letters, digits and dashes. */
const referenceInput = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{3,39}$/, 'a reference is 4 to 40 capitals, digits and dashes');

export const SubmitApplicationInput = z.strictObject({
  reference: referenceInput,
  taxpayerKind: TaxpayerKindInput.default('small-scale'),
  entity: EntityRegistrationInput,
});

export const ApplicationView = z.strictObject({
  reference: z.string(),
  status: z.enum(['in_progress', 'complete']),
  /** false when this call was a retry answered with the first application. */
  created: z.boolean(),
  taxpayerKind: z.enum(['general', 'small-scale']),
  submittedAt: z.string(),
  entity: EntityView,
  steps: z.array(
    z.strictObject({
      step: z.enum(['entity_registered', 'taxpayer_registered', 'employer_registered']),
      agency: z.string(),
      doneAt: z.string().nullable(),
    }),
  ),
});

type Ctx = Parameters<typeof presentEntity>[0];

function present(ctx: Ctx, a: BusinessApplication, created: boolean): z.infer<typeof ApplicationView> {
  ctx.audit.objects(`business-application:${a.uuid}`);
  return {
    reference: a.reference,
    status: a.status,
    created,
    taxpayerKind: a.taxpayerKind,
    submittedAt: a.submittedAt.toISOString(),
    entity: presentEntity(ctx, a.entity),
    steps: a.steps.map((s) => ({ ...s, doneAt: s.doneAt?.toISOString() ?? null })),
  };
}

/**
 * Opening a business (flow 2): the application registers the entity and issues
 * its credit code, and `golden-quality.entity.registered.v1` fans out to
 * golden-tax (taxpayer) and social-security (employer account); their
 * confirmations come back as events and show on the application's steps.
 */
export const applicationsRouter = router({
  submit: procedure
    .requires('golden-quality.application.submit')
    .input(SubmitApplicationInput)
    .output(ApplicationView)
    .mutation(async ({ ctx, input }) => {
      const { application, created } = await submitApplication(ctx.db, input, shieldOf(ctx), recorderOf(ctx));
      // Published once, by the submission that registered the entity (a retry publishes nothing).
      if (created)
        await ctx.publish(
          entityRegistered,
          entityRegisteredPayload(application.entity, application.taxpayerKind, application.reference),
        );
      return present(ctx, application, created);
    }),
  get: procedure
    .requires('golden-quality.application.read')
    .input(z.strictObject({ reference: referenceInput }))
    .output(ApplicationView)
    .query(async ({ ctx, input }) => present(ctx, await getApplication(ctx.db, input.reference), false)),
});
