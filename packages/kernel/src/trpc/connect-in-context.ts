import { createHash, randomUUID } from 'node:crypto';
import type { AnyRouter } from '@trpc/server';
import type { AuditScope } from '../audit/scope.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Principal } from '../identity/principal.ts';
import { bearerToken } from '../identity/verifier.ts';
import type { AuthedContext, KernelContext } from './context.ts';

/**
 * `ctx.connect` for one request. Downstream mutation keys derive from the
 * incoming key and the call's position, so a retried upstream request sends
 * the same keys again and the callee returns its first results: a payment
 * is never made twice. Each call is noted in the caller's audit record.
 */
export function connectFor<DB>(
  ctx: KernelContext<DB>,
  principal: Principal | null,
  audit: AuditScope,
): AuthedContext<DB>['connect'] {
  let calls = 0;
  return (<TRouter extends AnyRouter>(
    name: string,
    options: { onBehalfOfCaller?: boolean; grant?: string } = {},
  ) => {
    const network = ctx.network();
    if (!network)
      throw new DomainError('UNAVAILABLE', `cannot call ${name}: this app runs without the network client`);
    const onBehalfOf = options.onBehalfOfCaller ? delegatedToken(ctx, principal) : undefined;
    return network.connect<TRouter>(name, {
      traceId: ctx.traceId,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      ...(options.grant ? { grant: options.grant } : {}),
      onCall: (path) => audit.calledOut(`${name}/${path}`),
      idempotencyKey: (path) => {
        calls += 1;
        if (!ctx.idempotencyKey) return randomUUID();
        const derived = createHash('sha256')
          .update(`${ctx.idempotencyKey}\n${name}\n${path}\n${calls}`)
          .digest('hex');
        return `d-${derived.slice(0, 40)}`;
      },
    });
  }) as AuthedContext<DB>['connect'];
}

function delegatedToken<DB>(ctx: KernelContext<DB>, principal: Principal | null): string {
  if (principal?.kind === 'official') return bearerToken(ctx.authorization)!;
  if (principal?.kind === 'service' && ctx.onBehalfOf) return ctx.onBehalfOf;
  throw new DomainError('FORBIDDEN', 'there is no official on whose behalf to call', { rule: 'delegation' });
}
