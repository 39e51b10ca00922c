import { DomainError } from '@egov/kernel/errors';
import type { GoldenTaxDb } from '../database.ts';
import type { Period } from '../shared/periods.rules.ts';
import { isoDate, toFen } from '@egov/kernel/db';
import { getReturn, type Payment, type VatReturn } from './return.service.ts';

/** What golden-finance's `treasury.receive` gives back for a payment into the treasury. */
export interface TreasuryReceipt {
  /** The treasury's receipt id. */
  receiptId: string;
  receivedAt: Date;
}

/**
 * The payment a return still owes, to send to the treasury. Refuses a return
 * that owes nothing (409 `nothing_due`) or is paid already (409 `already_paid`).
 *
 * @example
 * const { vatReturn, payment } = await duePayment(ctx.db, creditCode, '2024-05');
 */
export async function duePayment(
  db: GoldenTaxDb,
  creditCode: string,
  period: Period,
): Promise<{ vatReturn: VatReturn; payment: Payment }> {
  const vatReturn = await getReturn(db, creditCode, period);
  const { payment } = vatReturn;
  if (!payment) {
    throw new DomainError('CONFLICT', `the return of ${creditCode} for ${period} owes nothing`, {
      field: 'period',
      rule: 'nothing_due',
    });
  }
  if (payment.status === 'paid') {
    throw new DomainError('CONFLICT', `the return of ${creditCode} for ${period} is paid already`, {
      field: 'period',
      rule: 'already_paid',
    });
  }
  return { vatReturn, payment };
}

/**
 * Marks a return's payment paid with the treasury's receipt: the only way a
 * payment becomes `paid`. Idempotent for the same receipt (a retried call);
 * a different receipt for a paid return is a CONFLICT, a return without a
 * payment NOT_FOUND.
 *
 * @example
 * await markPaid(ctx.db, vatReturn.id, { receiptId: receipt.id, receivedAt: new Date(receipt.receivedAt) });
 */
export async function markPaid(
  db: GoldenTaxDb,
  returnId: string,
  receipt: TreasuryReceipt,
): Promise<Payment> {
  const columns = [
    'reference',
    'amount_fen',
    'status',
    'treasury_receipt',
    isoDate('payment.due_on').as('due_on'),
  ] as const;
  const updated = await db
    .updateTable('payment')
    .set({ status: 'paid', treasury_receipt: receipt.receiptId, paid_at: receipt.receivedAt })
    .where('return_id', '=', returnId)
    .where('status', '=', 'due')
    .returning(columns)
    .executeTakeFirst();
  const row =
    updated ??
    (await db.selectFrom('payment').select(columns).where('return_id', '=', returnId).executeTakeFirst());
  if (!row) {
    throw new DomainError('NOT_FOUND', `return ${returnId} has no payment`, {
      field: 'returnId',
      rule: 'nothing_due',
    });
  }
  if (row.treasury_receipt !== receipt.receiptId) {
    throw new DomainError(
      'CONFLICT',
      `return ${returnId} is already paid with receipt ${row.treasury_receipt}`,
      {
        field: 'returnId',
        rule: 'already_paid',
      },
    );
  }
  return {
    reference: row.reference,
    amountFen: toFen(row.amount_fen),
    dueOn: row.due_on,
    status: row.status,
    treasuryReceipt: row.treasury_receipt,
  };
}
