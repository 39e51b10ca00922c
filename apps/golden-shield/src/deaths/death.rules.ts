import { DomainError } from '@egov/kernel/errors';
import type { Resident } from '../residents/resident.service.ts';

/**
 * Refuses a death the register cannot hold: one already recorded (CONFLICT)
 * or one dated before birth. A future date never gets here: the input schema
 * refuses it.
 *
 * @example
 * checkDeath(resident, '2024-01-31') // ok, no throw
 */
export function checkDeath(resident: Resident, diedOn: string): void {
  if (resident.status === 'dead') {
    throw new DomainError('CONFLICT', 'already recorded dead', { field: 'residentId', rule: 'already_dead' });
  }
  if (diedOn < resident.birthDate) {
    throw new DomainError('INVALID', `date of death ${diedOn} is before birth (${resident.birthDate})`, {
      field: 'diedOn',
      rule: 'before_birth',
    });
  }
}
