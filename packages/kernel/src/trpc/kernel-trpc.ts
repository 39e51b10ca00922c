import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError } from '../errors/domain-error.ts';
import { assertPermissionName, permits, type Principal } from '../identity/principal.ts';
import { bearerToken } from '../identity/verifier.ts';
import type { KernelContext, ProcedureMeta } from './context.ts';
import { asTrpcError, formatError } from './errors.ts';

/**
 * The kernel's one tRPC setup, typed by an app's database. An app calls it
 * once in `src/trpc.ts` and builds every procedure from what it returns, so
 * every procedure passes through the kernel middleware: errors mapped once,
 * the caller authenticated, the declared permission enforced.
 *
 * @example
 * export const { router, procedure } = kernelTRPC<GoldenShieldDatabase>();
 * const residents = router({
 *   get: procedure.requires('golden-shield.resident.read').input(GetResident).query(({ ctx, input }) => ...),
 *   health: procedure.public().query(() => 'ok'),
 * });
 */
export function kernelTRPC<DB>() {
  const t = initTRPC
    .context<KernelContext<DB>>()
    .meta<ProcedureMeta>()
    .create({ errorFormatter: formatError });

  const kernel = t.middleware(async ({ ctx, meta, next }) => {
    const principal = await authenticate(ctx, meta);
    const result = await next({ ctx: { principal } });
    if (!result.ok) throw asTrpcError(result.error);
    return result;
  });

  const base = t.procedure.use(kernel);

  const procedure = {
    /** A procedure open to anyone (still zone-checked); say so explicitly. */
    public: () => base.meta({ public: true }),
    /** A procedure that needs `<system>.<resource>.<action>`. */
    requires: (permission: string) => {
      assertPermissionName(permission);
      return base.meta({ permission }).use(async ({ ctx, next }) => {
        if (!ctx.principal) throw new DomainError('UNAUTHORIZED', 'an access token is required');
        return next({ ctx: { principal: ctx.principal as Principal } });
      });
    },
  };

  return {
    router: t.router,
    procedure,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
  };
}

async function authenticate<DB>(
  ctx: KernelContext<DB>,
  meta: ProcedureMeta | undefined,
): Promise<Principal | null> {
  const declared = meta?.permission ?? (meta?.public ? 'public' : undefined);
  if (!declared) {
    // Fail closed: a procedure that declares nothing is refused, and the router walk test catches it earlier.
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no permission' });
  }
  let principal: Principal | null = null;
  try {
    const token = bearerToken(ctx.authorization);
    if (token) principal = await ctx.verifyToken(token);
  } catch (error) {
    throw asTrpcError(error);
  }
  if (meta?.permission) {
    if (!principal) throw asTrpcError(new DomainError('UNAUTHORIZED', 'an access token is required'));
    if (!permits(principal.permissions, meta.permission)) {
      throw asTrpcError(new DomainError('FORBIDDEN', `permission ${meta.permission} is required`));
    }
  }
  return principal;
}
