import { hasPermission, type Principal } from '@egov/kernel/identity';
import { maskResidentId } from '@egov/standards';

/** Holding this shows full resident IDs; reading alone shows them masked. */
export const REVEAL_PERMISSION = 'golden-shield.resident.reveal';

/**
 * Whether `principal` may see full resident IDs. The one place this decision
 * is made, so the trust work can move it into the kernel (data scope, purpose)
 * without touching the procedures.
 *
 * @example
 * canReveal(ctx.principal) // true for a holder of golden-shield.resident.reveal
 */
export function canReveal(principal: Principal | null): boolean {
  return hasPermission(principal, REVEAL_PERMISSION);
}

/**
 * A resident ID as a caller may see it: in full when revealed, else masked
 * (`110***********002X`).
 *
 * @example
 * presentResidentId('11010519491231002X', false) // '110***********002X'
 */
export function presentResidentId(residentId: string, revealed: boolean): string {
  return revealed ? residentId : maskResidentId(residentId);
}
