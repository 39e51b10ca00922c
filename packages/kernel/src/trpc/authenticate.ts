import { TRPCError } from '@trpc/server';
import { DomainError } from '../errors/domain-error.ts';
import { permits, type Principal } from '../identity/principal.ts';
import { bearerToken } from '../identity/verifier.ts';
import type { KernelContext, ProcedureMeta } from './context.ts';

/**
 * Who is calling, and may they call this? Missing, malformed, wrongly signed
 * or expired tokens are UNAUTHORIZED; a valid token without the declared
 * permission is FORBIDDEN. A procedure that declares neither a permission nor
 * `public` is refused outright (fail closed).
 */
export async function authenticate<DB>(ctx: KernelContext<DB>, meta: ProcedureMeta | undefined): Promise<Principal | null> {
  if (!meta?.permission && !meta?.public) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'procedure declares no permission' });
  }
  const token = bearerToken(ctx.authorization);
  const principal = token ? await ctx.verifyToken(token) : null;
  if (meta.permission) {
    if (!principal) throw new DomainError('UNAUTHORIZED', 'an access token is required');
    if (!permits(principal.permissions, meta.permission)) {
      throw new DomainError('FORBIDDEN', `permission ${meta.permission} is required`, { rule: 'permission' });
    }
  }
  return principal;
}
