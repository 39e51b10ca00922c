import type { Recorder } from '@egov/kernel/trpc';
import { sql } from 'kysely';
import type { GoldenFinanceDb } from '../database.ts';

export interface CancelledPayment {
  paymentId: string;
  source: string;
  sourceReference: string;
  payeeResidentId: string;
  amountFen: number;
}

/**
 * Flow 3 at the treasury: golden-shield reported a death, so every payment to
 * that person not yet paid (requested or approved) is cancelled and its
 * reservation given back to its appropriation; executed payments stay (the
 * requester claims an overpayment back, not the treasury). The death is kept,
 * so a batch line for this payee that arrives later is cancelled at once.
 * Idempotent: a second report of the same death finds nothing left to cancel.
 *
 * @example
 * await cancelPaymentsToDeceased(trx, { residentId, diedOn, eventId }, recorder);
 */
export async function cancelPaymentsToDeceased(
  trx: GoldenFinanceDb,
  death: { residentId: string; diedOn: string; eventId: string },
  recorder: Recorder,
): Promise<CancelledPayment[]> {
  await trx
    .insertInto('deceased_payee')
    .values({
      resident_id: death.residentId,
      died_on: death.diedOn,
      event_id: death.eventId,
      recorded_at: recorder.at,
    })
    .onConflict((oc) => oc.column('resident_id').doNothing())
    .execute();
  const cancelled = await trx
    .updateTable('payment')
    .set({
      status: 'cancelled',
      decided_at: recorder.at,
      decided_by: recorder.by,
      decision_note: `payee died on ${death.diedOn}`,
    })
    .where('payee_resident_id', '=', death.residentId)
    .where('status', 'in', ['requested', 'approved'])
    .returning(['id', 'appropriation_id', 'amount', 'source', 'source_reference'])
    .execute();
  const released = new Map<string, bigint>();
  for (const row of cancelled)
    released.set(row.appropriation_id, (released.get(row.appropriation_id) ?? 0n) + BigInt(row.amount));
  for (const [appropriationId, amount] of released)
    await trx
      .updateTable('appropriation')
      .set({ committed: sql<number>`committed - ${amount.toString()}::bigint` })
      .where('id', '=', appropriationId)
      .execute();
  return cancelled
    .filter((row) => row.source !== null && row.source_reference !== null)
    .map((row) => ({
      paymentId: row.id,
      source: row.source!,
      sourceReference: row.source_reference!,
      payeeResidentId: death.residentId,
      amountFen: Number(row.amount),
    }));
}
