import { DomainError } from '@egov/kernel/errors';
import { type DivisionCode, issueResidentId } from '@egov/standards';
import { sql } from 'kysely';
import type { GoldenShieldDb } from '../database.ts';
import type { Resident } from '../residents/resident.service.ts';
import type { Sex } from '../residents/resident.table.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { firstSequence, MAX_SEQUENCE, SEQUENCE_STEP } from './birth.rules.ts';

export interface BirthRegistration {
  name: string;
  sex: Sex;
  /** `YYYY-MM-DD`, already checked to be a real past date. */
  birthDate: string;
  division: DivisionCode;
}

/**
 * Takes the next sequence code for (division, birth date, sex) in one
 * statement: the upsert either creates the counter or bumps it under the row
 * lock, so parallel births queue on the row and never share a number. The
 * `where` makes a full counter return no row instead of overflowing.
 *
 * @example
 * const sequence = await allocateSequence(trx, { division, birthDate: '2024-05-01', sex: 'female' }); // 2, 4, …
 */
export async function allocateSequence(
  trx: GoldenShieldDb,
  key: { division: string; birthDate: string; sex: Sex },
): Promise<number> {
  const row = await trx
    .insertInto('id_sequence')
    .values({
      division: key.division,
      birth_date: key.birthDate,
      sex: key.sex,
      last_sequence: firstSequence(key.sex),
    })
    .onConflict((oc) =>
      oc
        .columns(['division', 'birth_date', 'sex'])
        .doUpdateSet({ last_sequence: sql`id_sequence.last_sequence + ${SEQUENCE_STEP}` })
        .where(sql<boolean>`id_sequence.last_sequence + ${SEQUENCE_STEP} <= ${MAX_SEQUENCE}`),
    )
    .returning('last_sequence')
    .executeTakeFirst();
  if (!row) {
    throw new DomainError(
      'CONFLICT',
      `no ${key.sex} sequence code left for ${key.division} on ${key.birthDate}`,
      { field: 'birthDate', rule: 'sequence_exhausted' },
    );
  }
  return row.last_sequence;
}

/**
 * Registers a birth: allocates the sequence code, issues the resident ID (check
 * character by @egov/standards) and creates the resident, registered where
 * born. Run it in a transaction so a failed insert gives the number back.
 *
 * @example
 * const resident = await inTransaction(ctx.db, (trx) => registerBirth(trx, input, recorderOf(ctx)));
 */
export async function registerBirth(
  trx: GoldenShieldDb,
  birth: BirthRegistration,
  recorder: Recorder,
): Promise<Resident> {
  const sequence = await allocateSequence(trx, birth);
  // Validated against the wall clock, like the input schema that already accepted the birth date.
  const residentId = issueResidentId({ division: birth.division, birthDate: birth.birthDate, sequence });
  const { id } = await trx
    .insertInto('resident')
    .values({
      resident_id: residentId,
      name: birth.name,
      sex: birth.sex,
      birth_date: birth.birthDate,
      birth_division: birth.division,
      household_division: birth.division,
      created_at: recorder.at,
      updated_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    uuid: id,
    residentId,
    name: birth.name,
    sex: birth.sex,
    birthDate: birth.birthDate,
    birthDivision: birth.division,
    householdDivision: birth.division,
    status: 'alive',
    diedOn: null,
  };
}
