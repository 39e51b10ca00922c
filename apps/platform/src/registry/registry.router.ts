import { z } from 'zod';
import { NoInput } from '../schemas.ts';
import { procedure, router } from '../trpc.ts';
import { listRegistrations, register, resolve } from './registry.service.ts';
import { RegisteredService, RegisterInput, ResolveInput } from './registry.schemas.ts';

export const registryRouter = router({
  register: procedure
    .requires('platform.registry.register')
    .input(RegisterInput)
    .output(RegisteredService)
    .mutation(({ ctx, input }) => register(ctx.db, ctx.principal, input, ctx.now())),
  resolve: procedure
    .requires('platform.registry.read')
    .input(ResolveInput)
    .output(RegisteredService)
    .query(({ ctx, input }) => resolve(ctx.db, input.name)),
  list: procedure
    .requires('platform.registry.read')
    .input(NoInput)
    .output(z.array(RegisteredService))
    .query(({ ctx }) => listRegistrations(ctx.db)),
});
