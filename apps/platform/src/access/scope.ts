import { DomainError } from '@egov/kernel/errors';
import type { OfficialPrincipal, Principal } from '@egov/kernel/identity';
import { NATIONAL_AGENCY } from './grants.ts';

/** The official a call is made by, directly or through a service acting on their behalf. */
function officialOf(principal: Principal): OfficialPrincipal | undefined {
  return principal.kind === 'official' ? principal : principal.onBehalfOf;
}

/**
 * The agency whose officials `principal` may see and manage, or `null` for
 * every agency. Officials of the national office reach every agency; every
 * other official reaches only their own. A service calling for itself acts
 * within what its enrolment grants (the platform's own tooling).
 *
 * @example
 * const scope = agencyScope(ctx.principal); // 'mps' for an MPS official, null for the national office
 */
export function agencyScope(principal: Principal): string | null {
  const official = officialOf(principal);
  if (!official) return null;
  return official.agency === NATIONAL_AGENCY ? null : official.agency;
}

/**
 * Whether `agency` lies within the caller's scope.
 *
 * @example
 * if (!inScope(ctx.principal, row.agency_code)) throw notFound();
 */
export function inScope(principal: Principal, agency: string): boolean {
  const scope = agencyScope(principal);
  return scope === null || scope === agency;
}

/**
 * Refuses acting for another agency, naming the field and the caller's own
 * agency (agency codes are public; nothing about the target leaks).
 *
 * @example
 * assertAgencyInScope(ctx.principal, input.agency); // FORBIDDEN for an MPS official creating a SAT account
 */
export function assertAgencyInScope(principal: Principal, agency: string, field = 'agency'): void {
  if (inScope(principal, agency)) return;
  throw new DomainError('FORBIDDEN', `you may act only within agency ${agencyScope(principal)}`, {
    field,
    rule: 'agency_scope',
  });
}

/**
 * Platform-wide acts (agencies, shared roles, signing keys, service
 * identities) belong to the national office's administrators.
 *
 * @example
 * assertNational(ctx.principal, 'rotate signing keys');
 */
export function assertNational(principal: Principal, act: string): void {
  if (agencyScope(principal) === null) return;
  throw new DomainError('FORBIDDEN', `only administrators of the national office may ${act}`, {
    rule: 'agency_scope',
  });
}
