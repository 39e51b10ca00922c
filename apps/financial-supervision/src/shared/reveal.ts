import { hasPermission, type Principal } from '@egov/kernel/identity';
import { maskResidentId } from '@egov/standards';

/** Holding this shows customers' full resident IDs; reading alone shows them masked. */
export const REVEAL_PERMISSION = 'financial-supervision.customer.reveal';

/** Whether `principal` may see full resident IDs (the one place this is decided). */
export function canReveal(principal: Principal | null): boolean {
  return hasPermission(principal, REVEAL_PERMISSION);
}

/** A customer id as the caller may see it: an organisation's credit code is public, a person's ID masked. */
export function presentCustomerId(
  type: 'individual' | 'organisation',
  id: string,
  revealed: boolean,
): string {
  return type === 'organisation' || revealed ? id : maskResidentId(id);
}
