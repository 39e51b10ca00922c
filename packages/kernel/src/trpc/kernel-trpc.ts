import { type AnyProcedure, type AnyRouter, initTRPC, TRPCError } from '@trpc/server';
import { nestable } from '../db/nestable.ts';
import { DomainError, isCountedRefusal } from '../errors/domain-error.ts';
import {
  assertKeyShape,
  claimKey,
  IDEMPOTENCY_HEADER,
  requestHash,
  storeResult,
} from '../idempotency/keys.ts';
import { assertPermissionName, type Principal } from '../identity/principal.ts';
import { createAuditScope } from '../audit/scope.ts';
import type { AppManifest } from '../app/manifest.ts';
import type {
  CredentialCheck,
  KernelContext,
  ProcedureMeta,
  PublishInContext,
  SharedResource,
} from './context.ts';
import { asTrpcError, formatError } from './errors.ts';
import { AUDIT_READ, createAuditRouter } from './audit-router.ts';
import { authorize, identify } from './authenticate.ts';
import { connectFor } from './connect-in-context.ts';
import { recordAct, recordRefusal, RollbackSignal } from './audit-recorder.ts';
import { applyTextPolicy } from './text-policy.ts';
import { objectScopeFor } from './object-scope.ts';
import { runStepInRequest, type StepInContext } from '../steps/run.ts';

/**
 * The kernel's one tRPC setup, typed by an app's database. An app calls it
 * once in `src/trpc.ts` and builds every procedure from what it returns, so
 * every procedure passes through the kernel middleware: the caller
 * authenticated, the declared permission enforced, every mutation run in one
 * transaction together with its audit record (fail-closed), refusals and
 * reveals recorded, errors mapped once.
 *
 * Given the app's manifest, `procedure.requires()` accepts only a permission
 * the manifest declares: another string is a type error (and, cast past the
 * compiler, an error when the router is built).
 *
 * @example
 * export const { router, procedure } = kernelTRPC<GoldenShieldDatabase, typeof manifest>(manifest);
 * const residents = router({
 *   get: procedure.requires('golden-shield.resident.read').input(GetResident).query(({ ctx, input }) => ...),
 *   health: procedure.public().query(() => 'ok'),
 * });
 */
/**
 * Keys are honoured for calls between apps (service principals), each caller
 * in its own namespace, so one caller can never receive another's stored
 * result; a service must send one with every mutation. Officials' own calls
 * are not replayed from storage: their results can hold fresh tokens, which
 * must not sit in a table.
 */
function idempotencyKeyFor<DB>(
  ctx: KernelContext<DB>,
  principal: Principal | null,
): { caller: string; key: string } | null {
  if (principal?.kind !== 'service') return null;
  if (!ctx.idempotencyKey) {
    throw new DomainError('INVALID', 'a mutation from another service must carry an idempotency-key header', {
      field: IDEMPOTENCY_HEADER,
      rule: 'required',
    });
  }
  assertKeyShape(ctx.idempotencyKey);
  return { caller: principal.id, key: ctx.idempotencyKey };
}

/** Counts the call against the host's rate limits (`RATE_LIMITED` over one). */
async function charge<DB>(
  ctx: KernelContext<DB>,
  meta: ProcedureMeta | undefined,
  principal: Principal | null,
  getRawInput: () => Promise<unknown>,
): Promise<void> {
  if (!ctx.limiter) return;
  const field = meta?.credential?.accountField;
  let account: { id: string; field: string } | undefined;
  if (field && !principal) {
    const raw = await getRawInput().catch(() => undefined);
    const named = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
    if (typeof named === 'string' && named.length > 0 && named.length <= 200)
      account = { id: `${field}:${named}`, field };
  }
  await ctx.limiter.charge({
    source: ctx.sourceAddress,
    principal,
    credential: meta?.credential !== undefined,
    account,
    now: ctx.now(),
  });
}

const refusePublish: PublishInContext = () => {
  throw new DomainError('INVALID', 'events are published by mutations only, in their transaction');
};

const refuseStep: StepInContext = () => {
  throw new DomainError('INVALID', 'cross-agency steps run in mutations only, in their transaction');
};

/** The kernel's own permissions, which every app serves (`audit.*`) and may also require. */
const kernelPermissions: readonly string[] = [AUDIT_READ];

/** The permissions a manifest declares (any string without one), and the kernel's own. */
export type DeclaredPermission<M extends AppManifest<string>> =
  | (keyof M['permissions'] & string)
  | typeof AUDIT_READ;

export function kernelTRPC<DB, M extends AppManifest<string> = AppManifest<string>>(manifest?: M) {
  const t = initTRPC
    .context<KernelContext<DB>>()
    .meta<ProcedureMeta>()
    .create({ errorFormatter: formatError });

  /** Each procedure's input schemas by path, filled by `appRouter`: they say which fields are multiline. */
  const inputSchemas = new Map<string, readonly unknown[]>();

  /**
   * The text policy stands between the raw input and every input parser (and the idempotency hash), once
   * per call, lazily: a procedure refused before it reads its input never parses it.
   */
  const textPolicy = t.middleware(({ path, getRawInput, next }) => {
    let policed: Promise<unknown> | undefined;
    return next({
      getRawInput: () => {
        policed ??= getRawInput().then((raw) => applyTextPolicy(raw, inputSchemas.get(path) as never));
        return policed;
      },
    });
  });

  const kernel = t.middleware(async ({ ctx, meta, next, type, path, getRawInput }) => {
    let principal: Principal | null = null;
    try {
      let unidentified: unknown;
      try {
        principal = await identify(ctx);
      } catch (error) {
        unidentified = error;
      }
      // Every call counts, batched or not, refused or not; over a limit it goes no further (nor into the audit).
      await charge(ctx, meta, principal, getRawInput);
      if (unidentified) throw unidentified;
      principal = await authorize(ctx, meta, path, principal);
    } catch (error) {
      // Refusals are audited; of a rate limit's refusals, the first of each bucket and window (one
      // record says who hit which limit; a flood must not write a record per call it sends).
      if (!(error instanceof DomainError && error.code === 'RATE_LIMITED') || error.details?.firstInWindow)
        await recordRefusal(ctx, path, error, principal);
      throw asTrpcError(error);
    }
    const { scope, state } = createAuditScope();
    if (type !== 'mutation') {
      const connect = connectFor(ctx, principal, scope);
      const result = await next({
        ctx: {
          principal,
          audit: scope,
          scope: objectScopeFor(principal, scope),
          publish: refusePublish,
          step: refuseStep,
          connect,
        },
      });
      await recordAct(null, ctx, { principal, path, state, result, type });
      if (!result.ok) throw asTrpcError(result.error);
      return result;
    }
    let published = 0;
    let steps = 0;
    // Work that must wait until the transaction has ended (a failed step's note, written by another connection).
    const afterTransaction: (() => Promise<void>)[] = [];
    const settle = async () => {
      for (const task of afterTransaction.splice(0))
        await task().catch((error) => ctx.log.error({ err: error }, 'after the transaction: task failed'));
    };
    let key: { caller: string; key: string } | null;
    try {
      key = idempotencyKeyFor(ctx, principal);
    } catch (error) {
      await recordAct(null, ctx, { principal, path, state, result: { ok: false, error }, type });
      throw asTrpcError(error);
    }
    try {
      const committed = await ctx.db.transaction().execute(async (trx) => {
        if (key) {
          const claim = await claimKey(trx, {
            ...key,
            procedure: path,
            requestHash: requestHash(path, await getRawInput()),
            now: ctx.now(),
          });
          if (claim.kind === 'replay') {
            scope.objects(`idempotency-replay:${key.key}`);
            await recordAct(trx, ctx, { principal, path, state, result: { ok: true }, type });
            // The first result, with no second effect: nothing else runs in this transaction.
            return { ok: true as const, data: claim.response, marker: 'middlewareMarker' as never };
          }
        }
        const publish: PublishInContext = (contract, payload) => {
          published += 1;
          return ctx.outbox.publish(trx, contract, payload, { traceId: ctx.traceId });
        };
        const connect = connectFor(ctx, principal, scope);
        const step: StepInContext = (definition, input) =>
          runStepInRequest(
            ctx.steps,
            trx,
            {
              by: principal?.id ?? 'anonymous',
              at: ctx.now(),
              traceId: ctx.traceId,
              idempotencyKey: ctx.idempotencyKey,
              index: ++steps,
              audit: scope,
              publish,
              afterTransaction: (task) => afterTransaction.push(task),
            },
            definition,
            input,
          );
        const result = await next({
          ctx: {
            principal,
            audit: scope,
            scope: objectScopeFor(principal, scope),
            db: nestable(trx),
            publish,
            step,
            connect,
          },
        });
        if (!result.ok && !key && isCountedRefusal(result.error)) {
          // A failed attempt counted under the lock of its check: the count commits with the record.
          await recordAct(trx, ctx, { principal, path, state, result, type });
          return { refused: result.error };
        }
        if (!result.ok) throw new RollbackSignal(result.error);
        if (key) await storeResult(trx, key.caller, key.key, result.data);
        // Same transaction: if this write fails, the mutation rolls back with it.
        await recordAct(trx, ctx, { principal, path, state, result, type });
        return result;
      });
      await settle();
      if (published > 0) ctx.outbox.wake();
      if ('refused' in committed) throw asTrpcError(committed.refused);
      return committed;
    } catch (error) {
      await settle();
      if (isCountedRefusal(error)) throw error;
      if (error instanceof DomainError || error instanceof TRPCError) {
        // A kernel rule inside the transaction (a reused idempotency key, the text policy): rolled back,
        // recorded, mapped.
        await recordAct(null, ctx, { principal, path, state, result: { ok: false, error }, type });
        throw asTrpcError(error);
      }
      if (!(error instanceof RollbackSignal)) throw error;
      await recordAct(null, ctx, {
        principal,
        path,
        state,
        result: { ok: false, error: error.cause },
        type,
      });
      throw asTrpcError(error.cause);
    }
  });

  const base = t.procedure.use(textPolicy).use(kernel);

  const requireAny = (
    permission: string,
    options: { resource?: SharedResource; credential?: CredentialCheck } = {},
  ) => {
    assertPermissionName(permission);
    return base
      .meta({
        permission,
        ...(options.resource ? { resource: options.resource } : {}),
        ...(options.credential ? { credential: options.credential } : {}),
      })
      .use(async ({ ctx, next }) => {
        if (!ctx.principal) throw new DomainError('UNAUTHORIZED', 'an access token is required');
        return next({ ctx: { principal: ctx.principal as Principal } });
      });
  };

  const procedure = {
    /**
     * A procedure open to anyone (still zone-checked); say so explicitly. One that checks a credential
     * says so too (`{ credential: { accountField: 'username' } }`): the credential rate limits apply.
     */
    public: (options: { credential?: CredentialCheck } = {}) =>
      base.meta({ public: true, ...(options.credential ? { credential: options.credential } : {}) }),
    /** A procedure that needs `<system>.<resource>.<action>`, one the app's manifest declares. */
    requires: (
      permission: DeclaredPermission<M>,
      options: { resource?: SharedResource; credential?: CredentialCheck } = {},
    ) => {
      if (manifest && !(permission in manifest.permissions) && !kernelPermissions.includes(permission))
        throw new Error(`${manifest.name}: "${permission}" is not a permission of its manifest`);
      return requireAny(permission, options);
    },
  };

  // Typed loosely on purpose: the audit router is built from this very setup, which TypeScript cannot see through.
  const auditRouter = createAuditRouter({
    router: t.router,
    // The kernel's own permission (`kernel.audit.read`) is no app's to declare.
    procedure: { ...procedure, requires: requireAny },
  } as any) as AnyRouter;
  /**
   * The root router of an app: its domain routers plus the kernel's own
   * procedures (`audit.*`), served by every app alike.
   */
  const appRouter = <T extends Record<string, AnyRouter | AnyProcedure>>(routes: T) => {
    const root = t.router<T & { audit: AnyRouter }>({ ...routes, audit: auditRouter });
    const procedures = root._def.procedures as Record<string, { _def: { inputs?: unknown[] } }>;
    for (const [path, p] of Object.entries(procedures)) inputSchemas.set(path, p._def.inputs ?? []);
    return root;
  };

  return {
    router: t.router,
    appRouter,
    procedure,
    middleware: t.middleware,
    createCallerFactory: t.createCallerFactory,
  };
}
