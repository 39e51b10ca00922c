import { hasPermission, type Principal } from '@egov/kernel/identity';
import { maskResidentId } from '@egov/standards';

/** Holding this shows full resident IDs; reading alone shows them masked. */
export const REVEAL_PERMISSION = 'social-security.insured.reveal';

/** Whether `principal` may see full resident IDs (the one place this is decided). */
export function canReveal(principal: Principal | null): boolean {
  return hasPermission(principal, REVEAL_PERMISSION);
}

/**
 * A resident ID as a caller may see it.
 *
 * @example
 * presentResidentId('11010519491231002X', false) // '110***********002X'
 */
export function presentResidentId(residentId: string, revealed: boolean): string {
  return revealed ? residentId : maskResidentId(residentId);
}
