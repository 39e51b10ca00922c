import type { ResidentId } from '@egov/standards';
import type { GoldenShieldDb } from '../database.ts';
import { getResident, type Resident } from '../residents/resident.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { isoDate } from '@egov/kernel/db';
import { checkMove, type MoveRequest } from './move.rules.ts';

/**
 * The date of a resident's latest recorded move, if any.
 *
 * @example
 * await lastMoveDate(db, resident.uuid) // '2015-09-01'
 */
export async function lastMoveDate(db: GoldenShieldDb, residentUuid: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('household_move')
    .select(isoDate('household_move.moved_on').as('movedOn'))
    .where('resident_uuid', '=', residentUuid)
    .orderBy('moved_on', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.movedOn;
}

/**
 * Moves a resident's household registration (户口迁移): appends the move and
 * updates the current registration. Run in a transaction; the resident row is
 * locked so a concurrent death or move is checked against this one.
 *
 * @example
 * await inTransaction(ctx.db, (trx) => recordMove(trx, { residentId, toDivision: '110105', movedOn: '2024-03-01' }, recorder));
 */
export async function recordMove(
  trx: GoldenShieldDb,
  move: MoveRequest & { residentId: ResidentId },
  recorder: Recorder,
): Promise<Resident> {
  const resident = await getResident(trx, move.residentId, { lock: true });
  checkMove(resident, await lastMoveDate(trx, resident.uuid), move);
  await trx
    .insertInto('household_move')
    .values({
      resident_uuid: resident.uuid,
      from_division: resident.householdDivision,
      to_division: move.toDivision,
      moved_on: move.movedOn,
      recorded_at: recorder.at,
      recorded_by: recorder.by,
    })
    .execute();
  await trx
    .updateTable('resident')
    .set({ household_division: move.toDivision, updated_at: recorder.at })
    .where('id', '=', resident.uuid)
    .execute();
  return { ...resident, householdDivision: move.toDivision };
}
