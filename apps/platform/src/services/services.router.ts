import { z } from 'zod';
import { assertNational } from '../access/scope.ts';
import { NoInput } from '../schemas.ts';
import { adminProcedure, procedure, router } from '../trpc.ts';
import { enrolService, listServiceAccounts, publishedKeys, revokeService } from './service.service.ts';
import { EnrolServiceInput, PublishedKey, RevokeServiceInput, ServiceAccount } from './services.schemas.ts';

export const servicesRouter = router({
  /** A service identity carries grants across every agency, so only the national office enrols one. */
  enrol: adminProcedure('platform.service.manage')
    .input(EnrolServiceInput)
    .output(ServiceAccount)
    .mutation(({ ctx, input }) => {
      assertNational(ctx.principal, 'enrol service identities');
      ctx.audit.objects(`service:${input.name}`);
      return enrolService(ctx.db, input, ctx.now());
    }),
  /** Ends an app's service identity at once (a leaked key, a retired system); enrolling a new key restores it. */
  revoke: adminProcedure('platform.service.manage')
    .input(RevokeServiceInput)
    .output(ServiceAccount)
    .mutation(({ ctx, input }) => {
      assertNational(ctx.principal, 'revoke service identities');
      ctx.audit.objects(`service:${input.name}`);
      return revokeService(ctx.db, input.name, ctx.now());
    }),
  list: procedure
    .requires('platform.service.read')
    .input(NoInput)
    .output(z.array(ServiceAccount))
    .query(({ ctx }) => listServiceAccounts(ctx.db)),
  /**
   * Every app's enrolled public key, which signs its tree heads and audit archives: the key an
   * auditor pins (`egov audit verify --key`, docs/verifying.md). Read by the audit administrator's
   * own permission (GB/T 22239 8.1.5: audit administration apart from system administration),
   * without the grants and zones `services.list` shows the system administrator.
   */
  publicKeys: procedure
    .requires('kernel.audit.read')
    .input(NoInput)
    .output(z.array(PublishedKey))
    .query(({ ctx }) => publishedKeys(ctx.db)),
});
