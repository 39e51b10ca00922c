import { chinaDate } from '@egov/standards';
import type { GoldenCustomsDb } from '../database.ts';
import { type Declaration, getDeclaration, lockDeclaration } from '../declarations/declaration-read.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { checkStatedAmount, dueDate, sourceReference, taxesDue } from './payment.rules.ts';
import type { TreasuryClient } from './treasury-client.ts';

export interface Payment {
  declarationId: string;
  /** The amount the importer's bank paid, in fen; when stated it must equal the amount due. */
  amountFen?: number | undefined;
}

/**
 * Pays a declaration's duty and taxes into the treasury: for each non-zero
 * tax, registers it as expected and receives it at golden-finance under
 * `<declarationNo>-<tax>`, keeps the receipts and marks the declaration paid.
 *
 * A declaration already paid answers with its first receipts and calls
 * nothing. If the treasury refuses or cannot be reached, the error propagates
 * and the caller's transaction rolls back: nothing is marked paid. The
 * treasury is idempotent by reference, so a retry neither pays twice nor
 * fails on what the first attempt left there.
 *
 * @example
 * const { declaration, newlyPaid } = await payDeclaration(ctx.db, input, treasury, recorderOf(ctx));
 */
export async function payDeclaration(
  trx: GoldenCustomsDb,
  payment: Payment,
  treasury: TreasuryClient,
  recorder: Recorder,
): Promise<{ declaration: Declaration; newlyPaid: boolean }> {
  const locked = await lockDeclaration(trx, payment.declarationId);
  const declaration = await getDeclaration(trx, locked.id);
  if (declaration.status !== 'submitted') return { declaration, newlyPaid: false };
  checkStatedAmount(payment.amountFen, declaration.totals.totalFen);
  const payer = declaration.importerCreditCode;
  const due = dueDate(chinaDate(declaration.submittedAt));
  for (const { tax, amountFen } of taxesDue(declaration.totals)) {
    const reference = sourceReference(declaration.declarationNo, tax);
    const item = { source: tax, sourceReference: reference, payer, amountFen };
    await treasury.expect({ ...item, dueDate: due });
    const receipt = await treasury.receive({ ...item, receivedAt: recorder.at.toISOString() });
    await trx
      .insertInto('declaration_payment')
      .values({
        declaration_id: declaration.id,
        tax,
        source_reference: reference,
        amount_fen: amountFen,
        receipt_id: receipt.id,
        receipt_status: receipt.status,
        business_date: receipt.businessDate,
        received_at: recorder.at,
      })
      .execute();
  }
  await trx
    .updateTable('declaration')
    .set({ status: 'paid', paid_at: recorder.at, paid_by: recorder.by })
    .where('id', '=', declaration.id)
    .execute();
  return { declaration: await getDeclaration(trx, declaration.id), newlyPaid: true };
}
