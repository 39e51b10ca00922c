import type { GoldenCustomsDb } from '../database.ts';
import { type Declaration, getDeclaration, lockDeclaration } from '../declarations/declaration-read.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { checkInspection } from './inspection.rules.ts';
import type { InspectionResult } from './inspection.table.ts';

export interface InspectionReport {
  declarationId: string;
  result: InspectionResult;
  notes: string;
}

/**
 * Records the result of a red lane's examination or a yellow lane's document
 * check, before or after payment; the row lock makes a second result wait and
 * then be refused.
 *
 * @example
 * await recordInspection(ctx.db, { declarationId, result: 'pass', notes: '开箱查验，货证相符' }, recorderOf(ctx));
 */
export async function recordInspection(
  trx: GoldenCustomsDb,
  report: InspectionReport,
  recorder: Recorder,
): Promise<Declaration> {
  const declaration = await lockDeclaration(trx, report.declarationId);
  const existing = await trx
    .selectFrom('inspection')
    .select('declaration_id')
    .where('declaration_id', '=', report.declarationId)
    .executeTakeFirst();
  const kind = checkInspection({ ...declaration, inspected: Boolean(existing) });
  await trx
    .insertInto('inspection')
    .values({
      declaration_id: report.declarationId,
      kind,
      result: report.result,
      notes: report.notes,
      inspected_at: recorder.at,
      inspected_by: recorder.by,
    })
    .execute();
  return getDeclaration(trx, report.declarationId);
}
