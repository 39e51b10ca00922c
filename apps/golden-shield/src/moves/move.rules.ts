import { DomainError } from '@egov/kernel/errors';
import type { Resident } from '../residents/resident.service.ts';

export interface MoveRequest {
  toDivision: string;
  /** `YYYY-MM-DD` */
  movedOn: string;
}

/**
 * Refuses a household move the register cannot hold: a dead resident
 * (CONFLICT), a move to where they already are, a move before birth, or one
 * dated before their last recorded move (the current registration must be the
 * latest one, so history is appended in date order).
 *
 * @example
 * checkMove(resident, '2015-09-01', { toDivision: '110105', movedOn: '2020-03-01' }) // ok, no throw
 */
export function checkMove(resident: Resident, lastMovedOn: string | undefined, move: MoveRequest): void {
  if (resident.status === 'dead') {
    throw new DomainError('CONFLICT', 'resident is recorded dead', { field: 'residentId', rule: 'dead' });
  }
  if (move.toDivision === resident.householdDivision) {
    throw new DomainError('INVALID', `resident is already registered in ${move.toDivision}`, {
      field: 'toDivision',
      rule: 'same_division',
    });
  }
  if (move.movedOn < resident.birthDate) {
    throw new DomainError('INVALID', `move date ${move.movedOn} is before birth (${resident.birthDate})`, {
      field: 'movedOn',
      rule: 'before_birth',
    });
  }
  if (lastMovedOn && move.movedOn < lastMovedOn) {
    throw new DomainError('INVALID', `move date ${move.movedOn} is before the last recorded move`, {
      field: 'movedOn',
      rule: 'before_last_move',
    });
  }
}
