import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import { type AuthedContext, recorderOf } from '@egov/kernel/trpc';
import type { PlatformRouter } from '@egov/platform/router';
import { chinaDate, creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import type { GoldenQualityDatabase } from '../database.ts';
import { entityRegistered, entityRegisteredPayload } from '../events.ts';
import { identityOverNetwork } from '../shared/identity.ts';
import { countyInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { EntityRegistrationInput, TaxpayerKindInput } from './entity.schemas.ts';
import { changeStatus, getEntity, registerEntity, searchEntities } from './entity.service.ts';
import { EntityLookupView, EntityView, entityObject, presentEntity } from './entity.view.ts';

export const RegisterEntityInput = EntityRegistrationInput.extend({
  taxpayerKind: TaxpayerKindInput.default('small-scale'),
});

/** golden-shield's identity check under golden-quality's catalog grant, for one request. */
export const shieldOf = (ctx: Pick<AuthedContext<GoldenQualityDatabase>, 'connect'>) =>
  identityOverNetwork(
    (grant) => ctx.connect<GoldenShieldRouter>('golden-shield', { grant }),
    () => ctx.connect<PlatformRouter>('platform'),
  );

/** The legal-entity base (法人单位基础信息库, S3.2): registration, credit codes, status, lookups. */
export const entitiesRouter = router({
  register: procedure
    .requires('golden-quality.entity.register')
    .input(RegisterEntityInput)
    .output(EntityView)
    .mutation(async ({ ctx, input }) => {
      const { taxpayerKind, ...registration } = input;
      const entity = await registerEntity(ctx.db, registration, shieldOf(ctx), recorderOf(ctx));
      await ctx.publish(entityRegistered, entityRegisteredPayload(entity, taxpayerKind, null));
      return presentEntity(ctx, entity);
    }),
  get: procedure
    .requires('golden-quality.entity.read')
    .input(z.strictObject({ creditCode: creditCodeSchema }))
    .output(EntityView)
    .query(async ({ ctx, input }) => presentEntity(ctx, await getEntity(ctx.db, input.creditCode))),
  search: procedure
    .requires('golden-quality.entity.read')
    .input(
      z.strictObject({
        name: z.string().trim().min(1).max(100).optional(),
        division: countyInput.optional(),
        status: z.enum(['active', 'suspended', 'deregistered']).optional(),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(z.array(EntityView))
    .query(async ({ ctx, input }) => (await searchEntities(ctx.db, input)).map((e) => presentEntity(ctx, e))),
  setStatus: procedure
    .requires('golden-quality.entity.status')
    .input(
      z.strictObject({
        creditCode: creditCodeSchema,
        action: z.enum(['suspend', 'reinstate', 'deregister']),
        reason: z.string().trim().min(2).max(500),
      }),
    )
    .output(EntityView)
    .mutation(async ({ ctx, input }) =>
      presentEntity(ctx, await changeStatus(ctx.db, input, recorderOf(ctx))),
    ),
  /**
   * For other agencies, through the catalog (GQ-ENT-0001, conditional: a grant
   * from SAMR is needed): is this credit code registered, and in what status.
   * Nothing about the legal representative or the address.
   */
  lookup: procedure
    .requires('golden-quality.entity.lookup', { resource: { id: 'GQ-ENT-0001', sharing: 'conditional' } })
    .input(z.strictObject({ creditCode: creditCodeSchema }))
    .output(EntityLookupView)
    .query(async ({ ctx, input }) => {
      const entity = await getEntity(ctx.db, input.creditCode);
      ctx.audit.objects(entityObject(entity));
      return {
        creditCode: entity.creditCode,
        name: entity.name,
        entityTypeName: entity.entityTypeName,
        division: entity.division,
        status: entity.status,
        registeredOn: chinaDate(entity.registeredAt),
      };
    }),
});
