import { initTRPC } from '@trpc/server';
import { nestable } from '../db/nestable.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertPermissionName, type Principal } from '../identity/principal.ts';
import { createAuditScope } from '../audit/scope.ts';
import type { KernelContext, ProcedureMeta, PublishInContext } from './context.ts';
import { asTrpcError, formatError } from './errors.ts';
import { createAuditRouter } from './audit-router.ts';
import { authenticate } from './authenticate.ts';
import { recordAct, recordRefusal, RollbackSignal } from './audit-recorder.ts';

/**
 * The kernel's one tRPC setup, typed by an app's database. An app calls it
 * once in `src/trpc.ts` and builds every procedure from what it returns, so
 * every procedure passes through the kernel middleware: the caller
 * authenticated, the declared permission enforced, every mutation run in one
 * transaction together with its audit record (fail-closed), refusals and
 * reveals recorded, errors mapped once.
 *
 * @example
 * export const { router, procedure } = kernelTRPC<GoldenShieldDatabase>();
 * const residents = router({
 *   get: procedure.requires('golden-shield.resident.read').input(GetResident).query(({ ctx, input }) => ...),
 *   health: procedure.public().query(() => 'ok'),
 * });
 */
const refusePublish: PublishInContext = () => {
  throw new DomainError('INVALID', 'events are published by mutations only, in their transaction');
};

export function kernelTRPC<DB>() {
  const t = initTRPC
    .context<KernelContext<DB>>()
    .meta<ProcedureMeta>()
    .create({ errorFormatter: formatError });

  const kernel = t.middleware(async ({ ctx, meta, next, type, path }) => {
    let principal: Principal | null;
    try {
      principal = await authenticate(ctx, meta);
    } catch (error) {
      await recordRefusal(ctx, path, error);
      throw asTrpcError(error);
    }
    const { scope, state } = createAuditScope();
    if (type !== 'mutation') {
      const result = await next({ ctx: { principal, audit: scope, publish: refusePublish } });
      await recordAct(ctx.db, ctx, { principal, path, state, result, type });
      if (!result.ok) throw asTrpcError(result.error);
      return result;
    }
    let published = 0;
    try {
      const committed = await ctx.db.transaction().execute(async (trx) => {
        const publish: PublishInContext = (contract, payload) => {
          published += 1;
          return ctx.outbox.publish(trx, contract, payload, { traceId: ctx.traceId });
        };
        const result = await next({ ctx: { principal, audit: scope, db: nestable(trx), publish } });
        if (!result.ok) throw new RollbackSignal(result.error);
        // Same transaction: if this write fails, the mutation rolls back with it.
        await recordAct(trx, ctx, { principal, path, state, result, type });
        return result;
      });
      if (published > 0) ctx.outbox.wake();
      return committed;
    } catch (error) {
      if (!(error instanceof RollbackSignal)) throw error;
      await recordAct(ctx.db, ctx, {
        principal,
        path,
        state,
        result: { ok: false, error: error.cause },
        type,
      });
      throw asTrpcError(error.cause);
    }
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

  const auditRouter = createAuditRouter({ router: t.router, procedure } as any);
  /**
   * The root router of an app: its domain routers plus the kernel's own
   * procedures (`audit.*`), served by every app alike.
   */
  const appRouter = <T extends Parameters<typeof t.router>[0]>(routes: T) =>
    t.router({ ...routes, audit: auditRouter });

  return {
    router: t.router,
    appRouter,
    procedure,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
  };
}
