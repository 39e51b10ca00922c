import { DomainError } from '@egov/kernel/errors';
import type { ResidentId } from '@egov/standards';
import type { GoldenShieldDb } from '../database.ts';
import { isoDate } from '@egov/kernel/db';
import type { LifeStatus, Sex } from './resident.table.ts';

/** A resident as the services pass it around: full ID, ISO dates. */
export interface Resident {
  uuid: string;
  residentId: ResidentId;
  name: string;
  sex: Sex;
  birthDate: string;
  birthDivision: string;
  householdDivision: string;
  status: LifeStatus;
  diedOn: string | null;
}

function selectResident(db: GoldenShieldDb) {
  return db
    .selectFrom('resident')
    .select([
      'id as uuid',
      'resident_id as residentId',
      'name',
      'sex',
      isoDate('resident.birth_date').as('birthDate'),
      'birth_division as birthDivision',
      'household_division as householdDivision',
      'status',
      isoDate<null>('resident.died_on').as('diedOn'),
    ]);
}

/**
 * Finds a resident by resident ID. `lock` takes the row lock for the rest of
 * the transaction, so two clerks recording a move and a death for the same
 * person are applied one after the other, each seeing the other's result.
 *
 * @example
 * const resident = await findResident(db, '11010519491231002X' as ResidentId);
 */
export async function findResident(
  db: GoldenShieldDb,
  residentId: ResidentId,
  options: { lock?: boolean } = {},
): Promise<Resident | undefined> {
  const query = selectResident(db).where('resident_id', '=', residentId);
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  return row && { ...row, residentId: row.residentId as ResidentId };
}

/**
 * Like {@link findResident}, but a missing resident is a NOT_FOUND naming `residentId`.
 *
 * @example
 * const resident = await getResident(trx, input.residentId, { lock: true });
 */
export async function getResident(
  db: GoldenShieldDb,
  residentId: ResidentId,
  options: { lock?: boolean } = {},
): Promise<Resident> {
  const resident = await findResident(db, residentId, options);
  if (!resident)
    throw new DomainError('NOT_FOUND', 'no resident on file with this ID', { field: 'residentId' });
  return resident;
}
