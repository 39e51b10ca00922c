import { z } from 'zod';
import { assertNational } from '../access/scope.ts';
import { NoInput } from '../schemas.ts';
import { adminProcedure, procedure, router } from '../trpc.ts';
import { enrolService, listServiceAccounts } from './service.service.ts';
import { EnrolServiceInput, ServiceAccount } from './services.schemas.ts';

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
  list: procedure
    .requires('platform.service.read')
    .input(NoInput)
    .output(z.array(ServiceAccount))
    .query(({ ctx }) => listServiceAccounts(ctx.db)),
});
