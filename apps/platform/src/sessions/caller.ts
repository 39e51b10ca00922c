import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';

/**
 * The caller as an official with a session (self-service acts need both).
 *
 * @example
 * const { official, sid } = sessionOf(ctx.principal);
 */
export function sessionOf(principal: Principal) {
  if (principal.kind !== 'official' || !principal.sessionId) {
    throw new DomainError('UNAUTHORIZED', 'an official session token is required');
  }
  return { official: principal, sid: principal.sessionId };
}
