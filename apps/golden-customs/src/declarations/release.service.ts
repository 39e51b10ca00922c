import type { GoldenCustomsDb } from '../database.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { type Declaration, getDeclaration, lockDeclaration } from './declaration-read.service.ts';
import { checkRelease, vatCertificateNumber } from './release.rules.ts';

/**
 * Releases the goods (放行) once paid and, for red and yellow lanes, once the
 * inspection passed; issues the import-VAT certificate when VAT was paid.
 * The row is locked first, so two releases queue and the second is refused.
 *
 * @example
 * const released = await releaseDeclaration(ctx.db, input.declarationId, recorderOf(ctx));
 */
export async function releaseDeclaration(
  trx: GoldenCustomsDb,
  id: string,
  recorder: Recorder,
): Promise<Declaration> {
  await lockDeclaration(trx, id);
  const declaration = await getDeclaration(trx, id);
  checkRelease(declaration);
  await trx
    .updateTable('declaration')
    .set({
      status: 'released',
      released_at: recorder.at,
      released_by: recorder.by,
      vat_certificate_no:
        declaration.totals.vatFen > 0 ? vatCertificateNumber(declaration.declarationNo) : null,
    })
    .where('id', '=', id)
    .execute();
  return getDeclaration(trx, id);
}
