import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { ResidentId } from '@egov/standards';
import type { GoldenShieldDb } from '../database.ts';
import { getResident, type Resident } from '../residents/resident.service.ts';
import { checkDeath } from './death.rules.ts';

export interface DeathReport {
  residentId: ResidentId;
  /** `YYYY-MM-DD` */
  diedOn: string;
  placeDivision: string;
  certificateNo: string;
}

/**
 * Records a death (死亡登记): the death row and the resident's status change
 * together. Run in a transaction; the resident row is locked so two reports of
 * the same death cannot both pass the check.
 *
 * @example
 * await inTransaction(ctx.db, (trx) => recordDeath(trx, report, recorderOf(ctx)));
 */
export async function recordDeath(
  trx: GoldenShieldDb,
  report: DeathReport,
  recorder: Recorder,
): Promise<Resident> {
  const resident = await getResident(trx, report.residentId, { lock: true });
  checkDeath(resident, report.diedOn);
  const certified = await trx
    .selectFrom('death')
    .select('resident_uuid')
    .where('certificate_no', '=', report.certificateNo)
    .executeTakeFirst();
  if (certified) {
    throw new DomainError('CONFLICT', 'this death certificate is already recorded for another resident', {
      field: 'certificateNo',
      rule: 'already_used',
    });
  }
  await trx
    .insertInto('death')
    .values({
      resident_uuid: resident.uuid,
      died_on: report.diedOn,
      place_division: report.placeDivision,
      certificate_no: report.certificateNo,
      recorded_at: recorder.at,
      recorded_by: recorder.by,
    })
    .execute();
  await trx
    .updateTable('resident')
    .set({ status: 'dead', died_on: report.diedOn, updated_at: recorder.at })
    .where('id', '=', resident.uuid)
    .execute();
  return { ...resident, status: 'dead', diedOn: report.diedOn };
}
