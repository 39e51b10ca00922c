import type { AuditScope } from '../audit/scope.ts';
import { DomainError } from '../errors/domain-error.ts';
import { type Principal, scopeAllows } from '../identity/principal.ts';

/**
 * Object-level authorisation (against BOLA, OWASP API1): a permission says
 * what an official may do, a scope says to which owned objects (a budget
 * unit, a division, an agency's records). The platform issues the scopes in
 * the token from the official's assignments; services call this one check.
 */
export interface ObjectScope {
  /**
   * Refuses with FORBIDDEN (rule `scope`, naming `field` when given) unless
   * the caller may act on object `id` of `kind`; the refusal is audited
   * (kind `authorization`, the object named) even on a query.
   *
   * @example
   * ctx.scope.require('budget-unit', input.budgetUnit, 'budgetUnit');
   */
  require(kind: string, id: string, field?: string): void;
  /** Whether the caller may act on object `id` of `kind` (to filter lists); records nothing. */
  allows(kind: string, id: string): boolean;
}

export function objectScopeFor(principal: Principal | null, audit: AuditScope): ObjectScope {
  return {
    allows: (kind, id) => scopeAllows(principal, kind, id),
    require: (kind, id, field) => {
      if (scopeAllows(principal, kind, id)) return;
      audit.kind('authorization');
      audit.objects(`${kind}:${id}`);
      throw new DomainError('FORBIDDEN', `${kind} ${id} is outside your scope`, {
        ...(field ? { field } : {}),
        rule: 'scope',
      });
    },
  };
}
