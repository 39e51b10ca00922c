import { z } from 'zod';
import { NoInput } from '../schemas.ts';
import { procedure, router } from '../trpc.ts';
import { enrolService, listServiceAccounts } from './service.service.ts';
import { EnrolServiceInput, ServiceAccount } from './services.schemas.ts';

export const servicesRouter = router({
  enrol: procedure
    .requires('platform.service.manage')
    .input(EnrolServiceInput)
    .output(ServiceAccount)
    .mutation(({ ctx, input }) => enrolService(ctx.db, input, ctx.now())),
  list: procedure
    .requires('platform.service.read')
    .input(NoInput)
    .output(z.array(ServiceAccount))
    .query(({ ctx }) => listServiceAccounts(ctx.db)),
});
