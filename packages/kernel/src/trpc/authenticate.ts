import { TRPCError } from '@trpc/server';
import { DomainError } from '../errors/domain-error.ts';
import { GRANT_HEADER } from '../identity/grants.ts';
import { permits, type Principal, type ServicePrincipal } from '../identity/principal.ts';
import { bearerToken } from '../identity/verifier.ts';
import { zoneRefusal } from '../identity/zones.ts';
import type { KernelContext, ProcedureMeta, SharedResource } from './context.ts';

/**
 * Who is calling: the principal of the bearer token (and of the delegating
 * official's token), or null for no token. Missing, malformed, wrongly signed
 * or expired tokens are UNAUTHORIZED.
 */
export async function identify<DB>(ctx: KernelContext<DB>): Promise<Principal | null> {
  const token = bearerToken(ctx.authorization);
  const principal = token ? await ctx.verifyToken(token) : null;
  return ctx.onBehalfOf ? delegate(ctx, principal, ctx.onBehalfOf) : principal;
}

/**
 * May the identified caller call this? A valid token without the declared
 * permission is FORBIDDEN. A procedure that declares neither a permission nor
 * `public` is refused outright (fail closed). Returns the principal, with the
 * grant it was served under when there is one.
 */
export async function authorize<DB>(
  ctx: KernelContext<DB>,
  meta: ProcedureMeta | undefined,
  path: string,
  identified: Principal | null,
): Promise<Principal | null> {
  if (!meta?.permission && !meta?.public) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no permission' });
  }
  let principal = identified;
  if (principal?.kind === 'service') {
    const refusal = zoneRefusal(principal.zone, ctx.app.zone, meta.public === true);
    if (refusal) throw new DomainError('FORBIDDEN', `zone: ${refusal}`, { rule: 'zone' });
    if (meta.resource && principal.app !== ctx.app.name)
      principal = await checkGrant(ctx, principal, meta.resource, path);
  }
  if (meta.permission) {
    if (!principal) throw new DomainError('UNAUTHORIZED', 'an access token is required');
    if (!permits(principal.permissions, meta.permission)) {
      throw new DomainError('FORBIDDEN', `permission ${meta.permission} is required`, { rule: 'permission' });
    }
    const official = principal.kind === 'service' ? principal.onBehalfOf : undefined;
    if (official && !permits(official.permissions, meta.permission)) {
      throw new DomainError(
        'FORBIDDEN',
        `permission ${meta.permission} is required of the official on whose behalf the call is made`,
        {
          rule: 'delegation',
        },
      );
    }
  }
  return principal;
}

/**
 * A service acting for an official carries both identities: its own token
 * and the official's. Both are verified; the callee then authorises on both.
 */
async function delegate<DB>(
  ctx: KernelContext<DB>,
  actor: Principal | null,
  officialToken: string,
): Promise<Principal> {
  if (actor?.kind !== 'service') {
    throw new DomainError('UNAUTHORIZED', 'only a service may act on behalf of an official');
  }
  const subject = await ctx.verifyToken(officialToken);
  if (subject.kind !== 'official')
    throw new DomainError('UNAUTHORIZED', "on-behalf-of token must be an official's");
  return { ...actor, onBehalfOf: subject };
}

/**
 * X-Road's rule: deny by default, the owner decides. A conditional resource
 * is served to another app only under a grant for that app, resource and
 * procedure; a resource that is not shared is never served to another app.
 */
async function checkGrant<DB>(
  ctx: KernelContext<DB>,
  caller: ServicePrincipal,
  resource: SharedResource,
  path: string,
): Promise<ServicePrincipal> {
  if (resource.sharing === 'unconditional') return caller;
  if (resource.sharing === 'not-shared') {
    throw new DomainError('FORBIDDEN', `resource ${resource.id} is not shared with other agencies`, {
      rule: 'not_shared',
    });
  }
  if (!ctx.grant)
    throw new DomainError('FORBIDDEN', `resource ${resource.id} needs a grant from its owner`, {
      field: GRANT_HEADER,
      rule: 'grant_required',
    });
  if (!ctx.verifyGrant)
    throw new DomainError('FORBIDDEN', 'this app cannot check grants', {
      field: GRANT_HEADER,
      rule: 'invalid',
    });
  const grant = await ctx.verifyGrant(ctx.grant);
  if (grant.sub !== caller.id || grant.res !== resource.id || !grant.procs.includes(path)) {
    throw new DomainError(
      'FORBIDDEN',
      `grant ${grant.gid} does not cover ${caller.app} calling ${path} of ${resource.id}`,
      {
        field: GRANT_HEADER,
        rule: 'grant_scope',
      },
    );
  }
  return { ...caller, grant: { id: grant.gid, resource: grant.res, purpose: grant.purpose } };
}
