import type { GoldenQualityRouter } from '@egov/golden-quality/router';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { TRPCClient } from '@trpc/client';
import type { GoldenCustomsDb } from '../database.ts';
import { type Declaration, getDeclaration, lockDeclaration } from './declaration-read.service.ts';
import { checkRelease, vatCertificateNumber } from './release.rules.ts';

/** What golden-quality answers of an importer's CCC certificate for a commodity. */
export type CccValidity = 'valid' | 'suspended' | 'expired' | 'not_issued' | 'refused' | 'none';

/** The part of golden-quality customs asks before releasing goods that need CCC (flow 5). */
export interface CccRegister {
  check(input: { holderCreditCode: string; commodityCode: string }): Promise<{
    validity: CccValidity;
    certificateNo: string | null;
  }>;
}

/**
 * golden-quality's `certificates.check` over the kernel's network client, connected on first use:
 * a declaration with no CCC line never reaches golden-quality.
 *
 * @example
 * const ccc = cccOverNetwork(() => ctx.connect<GoldenQualityRouter>('golden-quality'));
 */
export function cccOverNetwork(connect: () => TRPCClient<GoldenQualityRouter>): CccRegister {
  return { check: (input) => connect().certificates.check.query(input) };
}

/**
 * Goods whose tariff line needs CCC (强制性产品认证) are held until
 * golden-quality confirms that the importer holds a certificate for the
 * commodity that is valid today: any other answer refuses the release
 * (409 `ccc_not_valid`, naming the line and the answer).
 */
async function confirmCcc(declaration: Declaration, ccc: CccRegister): Promise<void> {
  const asked = new Map<string, CccValidity>();
  for (const line of declaration.lines) {
    if (!line.cccRequired) continue;
    let validity = asked.get(line.commodityCode);
    if (!validity) {
      validity = (
        await ccc.check({ holderCreditCode: declaration.importerCreditCode, commodityCode: line.commodityCode })
      ).validity;
      asked.set(line.commodityCode, validity);
    }
    if (validity !== 'valid')
      throw new DomainError(
        'CONFLICT',
        `line ${line.lineNo} (${line.commodityCode}) needs a CCC certificate: golden-quality answers ${validity} for ${declaration.importerCreditCode}; the goods are held`,
        { field: 'declarationId', rule: 'ccc_not_valid' },
      );
  }
}

/**
 * Releases the goods (放行) once paid, for red and yellow lanes once the
 * inspection passed, and for goods that need CCC once golden-quality confirms
 * a valid certificate; issues the import-VAT certificate when VAT was paid.
 * The row is locked first, so two releases queue and the second is refused.
 *
 * @example
 * const released = await releaseDeclaration(ctx.db, input.declarationId, recorderOf(ctx), ccc);
 */
export async function releaseDeclaration(
  trx: GoldenCustomsDb,
  id: string,
  recorder: Recorder,
  ccc: CccRegister,
): Promise<Declaration> {
  await lockDeclaration(trx, id);
  const declaration = await getDeclaration(trx, id);
  checkRelease(declaration);
  await confirmCcc(declaration, ccc);
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
