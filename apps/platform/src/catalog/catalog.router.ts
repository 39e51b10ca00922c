import { z } from 'zod';
import { keyStoreFor } from '../keys/keystore.ts';
import { NoInput } from '../schemas.ts';
import { procedure, router } from '../trpc.ts';
import {
  AccessRequest,
  AgencySystem,
  DecideInput,
  DecideOutput,
  DeclareSystemInput,
  GetResourceInput,
  Grant,
  GrantTokenInput,
  GrantTokenOutput,
  ListGrantsInput,
  ListRequestsInput,
  RegisterResourceInput,
  RequestAccessInput,
  Resource,
  RevokeInput,
  SearchInput,
  SearchOutput,
  UpdateResourceInput,
  UpdateResourceOutput,
} from './catalog.schemas.ts';
import {
  decide,
  grantToken,
  listGrants,
  listRequests,
  requestAccess,
  revokeGrant,
} from './exchange.service.ts';
import {
  declareSystem,
  getResource,
  listSystems,
  registerResource,
  searchResources,
  updateResource,
} from './resource.service.ts';

/**
 * The catalog and exchange (S3.1, X-Road's rules): agencies register their
 * information resources; a consumer agency asks the owner for access; the
 * owner decides; the consumer's system fetches a short-lived signed grant and
 * presents it to the owner's system, which checks it (the kernel's
 * `checkGrant`). Deny by default, the owner decides, every act logged here,
 * and every call under a grant logged again by the owner app (`grant:<id>`).
 *
 * These are business acts of agency officials, not administrative ones: their
 * records keep the kernel's kind (`mutation`, or `call-in` for services).
 */
export const catalogRouter = router({
  register: procedure
    .requires('platform.catalog.manage')
    .input(RegisterResourceInput)
    .output(Resource)
    .mutation(({ ctx, input }) => {
      ctx.audit.objects(`resource:${input.id}`);
      return registerResource(ctx.db, ctx.principal, input, ctx.now());
    }),
  update: procedure
    .requires('platform.catalog.manage')
    .input(UpdateResourceInput)
    .output(UpdateResourceOutput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`resource:${input.id}`);
      const updated = await updateResource(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(...updated.revokedGrants.map((id) => `grant:${id}`));
      return updated;
    }),
  search: procedure
    .requires('platform.catalog.read')
    .input(SearchInput)
    .output(SearchOutput)
    .query(({ ctx, input }) => searchResources(ctx.db, input)),
  get: procedure
    .requires('platform.catalog.read')
    .input(GetResourceInput)
    .output(Resource)
    .query(({ ctx, input }) => getResource(ctx.db, input.id)),
  /** Which agency operates which system: owners serve through theirs, consumers ask for theirs. */
  systems: procedure
    .requires('platform.catalog.read')
    .input(NoInput)
    .output(z.array(AgencySystem))
    .query(({ ctx }) => listSystems(ctx.db)),
  declareSystem: procedure
    .requires('platform.catalog.manage')
    .input(DeclareSystemInput)
    .output(AgencySystem)
    .mutation(({ ctx, input }) => {
      ctx.audit.objects(`service:${input.app}`, `agency:${input.agency}`);
      return declareSystem(ctx.db, ctx.principal, input);
    }),

  requestAccess: procedure
    .requires('platform.exchange.request')
    .input(RequestAccessInput)
    .output(AccessRequest)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`resource:${input.resourceId}`, `service:${input.consumerApp}`);
      const request = await requestAccess(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(`request:${request.id}`);
      return request;
    }),
  decide: procedure
    .requires('platform.exchange.decide')
    .input(DecideInput)
    .output(DecideOutput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`request:${input.requestId}`);
      const decided = await decide(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(
        `resource:${decided.request.resourceId}`,
        `service:${decided.request.consumerApp}`,
        ...(decided.grant ? [`grant:${decided.grant.id}`] : []),
      );
      return decided;
    }),
  revoke: procedure
    .requires('platform.exchange.decide')
    .input(RevokeInput)
    .output(Grant)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`grant:${input.grantId}`);
      const grant = await revokeGrant(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(`resource:${grant.resourceId}`, `service:${grant.consumerApp}`);
      return grant;
    }),
  requests: procedure
    .requires('platform.catalog.read')
    .input(ListRequestsInput)
    .output(z.array(AccessRequest))
    .query(({ ctx, input }) => listRequests(ctx.db, ctx.principal, input)),
  grants: procedure
    .requires('platform.catalog.read')
    .input(ListGrantsInput)
    .output(z.array(Grant))
    .query(({ ctx, input }) => listGrants(ctx.db, ctx.principal, input, ctx.now())),
  /**
   * A query, not a mutation, on purpose: the kernel keeps a service's mutation
   * results for 24 hours (idempotency), and a token must not sit in a table.
   * It is audited all the same: the kernel records every call a service makes.
   */
  grantToken: procedure
    .requires('platform.exchange.token')
    .input(GrantTokenInput)
    .output(GrantTokenOutput)
    .query(async ({ ctx, input }) => {
      ctx.audit.objects(`grant:${input.grantId}`);
      const issued = await grantToken(ctx.db, keyStoreFor(ctx.db), ctx.principal, input.grantId, ctx.now());
      ctx.audit.objects(`resource:${issued.resourceId}`);
      return issued;
    }),
});
