import { kernelTRPC } from '@egov/kernel/trpc';
import type { PermissionOf } from '@egov/kernel/manifest';
import { manifest } from './manifest.ts';
import type { PlatformDatabase } from './database.ts';

/** The platform's procedure builders: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<PlatformDatabase, typeof manifest>(manifest);

/**
 * A procedure of one of the three administrators: the declared permission as
 * usual, and its audit record marked `admin` (GB/T 22239 8.1.5 asks that
 * administrative acts be audited as such), refusals by the handler included.
 *
 * @example
 * rotate: adminProcedure('platform.key.rotate').input(NoInput).mutation(({ ctx }) => rotateKeys(ctx.db, ctx.now())),
 */
export function adminProcedure(permission: PermissionOf<typeof manifest>) {
  return procedure.requires(permission).use(({ ctx, next }) => {
    ctx.audit.kind('admin');
    return next();
  });
}
