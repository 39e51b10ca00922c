import type { ResidentId } from '@egov/standards';
import type { GoldenShieldDb } from '../database.ts';
import type { Recorder } from '@egov/kernel/trpc';
import type { VerificationResult } from './verification-log.table.ts';
import { compareIdentity } from './verification.rules.ts';

export interface VerificationRequest {
  name: string;
  residentId: ResidentId;
  purpose: string;
}

export interface Verification {
  result: VerificationResult;
  /** Whom the check was about, for the audit; never returned to the caller. */
  residentUuid: string | null;
}

/**
 * Checks a name against the resident ID on file and logs the check with its
 * purpose and caller. Only `result` may leave the app.
 *
 * @example
 * await verifyIdentity(trx, { name: '张伟', residentId, purpose: 'tax registration of taxpayer 91350100…' }, recorder)
 * // { result: 'match', residentUuid: '0b6f…' }
 */
export async function verifyIdentity(
  db: GoldenShieldDb,
  request: VerificationRequest,
  recorder: Recorder,
): Promise<Verification> {
  const onFile = await db
    .selectFrom('resident')
    .select(['id', 'name'])
    .where('resident_id', '=', request.residentId)
    .executeTakeFirst();
  const result = compareIdentity(onFile?.name, request.name);
  await db
    .insertInto('verification_log')
    .values({
      caller: recorder.by,
      purpose: request.purpose,
      result,
      resident_uuid: onFile?.id ?? null,
      at: recorder.at,
    })
    .execute();
  return { result, residentUuid: onFile?.id ?? null };
}
