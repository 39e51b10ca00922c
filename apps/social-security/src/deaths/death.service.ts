import type { Recorder } from '@egov/kernel/trpc';
import { sql } from 'kysely';
import type { SocialSecurityDb } from '../database.ts';

/**
 * Flow 3 in social-security: golden-shield reported a death. For a resident
 * insured here, the death is kept (an award is refused from now on); a
 * pension stops from the month after the death (the next payroll run skips
 * it), and every month after the death that a run already requested, and
 * the treasury has not cancelled, becomes a recovery claim. Idempotent: a
 * redelivery keeps the first death and opens no second claim.
 *
 * @example
 * await recordReportedDeath(trx, { residentId, diedOn: '2026-10-15', eventId }, recorder);
 */
export async function recordReportedDeath(
  trx: SocialSecurityDb,
  death: { residentId: string; diedOn: string; eventId: string },
  recorder: Recorder,
): Promise<{ insured: boolean; claims: number }> {
  const person = await trx
    .selectFrom('insured_person')
    .select('uuid')
    .where('resident_id', '=', death.residentId)
    .executeTakeFirst();
  // Nobody insured here: nothing to keep of a stranger's death.
  if (!person) return { insured: false, claims: 0 };
  await trx
    .insertInto('reported_death')
    .values({
      resident_id: death.residentId,
      died_on: death.diedOn,
      event_id: death.eventId,
      received_at: recorder.at,
    })
    .onConflict((oc) => oc.column('resident_id').doNothing())
    .execute();
  const pension = await trx
    .updateTable('pension')
    .set({ died_on: death.diedOn })
    .where('insured_uuid', '=', person.uuid)
    .where('died_on', 'is', null)
    .returning('uuid')
    .executeTakeFirst();
  if (!pension) return { insured: true, claims: 0 };
  const claims = await trx
    .insertInto('recovery_claim')
    .columns(['pension_uuid', 'month', 'amount_fen', 'payment_id', 'status', 'opened_at'])
    .expression((eb) =>
      eb
        .selectFrom('payroll_line')
        .select([
          'pension_uuid',
          'month',
          'amount_fen',
          'payment_id',
          sql<'open'>`'open'`.as('status'),
          sql<Date>`${recorder.at}::timestamptz`.as('opened_at'),
        ])
        .where('pension_uuid', '=', pension.uuid)
        .where('status', '=', 'requested')
        .where('month', '>', death.diedOn.slice(0, 7)),
    )
    .onConflict((oc) => oc.columns(['pension_uuid', 'month']).doNothing())
    .executeTakeFirst();
  return { insured: true, claims: Number(claims.numInsertedOrUpdatedRows ?? 0) };
}

/**
 * golden-finance cancelled a pension payment unpaid (its payee died): the
 * line is marked cancelled, and a recovery claim opened for it is withdrawn,
 * since nothing was paid. Works in either order with the death itself.
 *
 * @example
 * await recordCancelledPayment(trx, { reference: 'pension:2026-11:<uuid>', paymentId }, recorder);
 */
export async function recordCancelledPayment(
  trx: SocialSecurityDb,
  cancelled: { reference: string; paymentId: string },
  recorder: Recorder,
): Promise<boolean> {
  const m = /^pension:(\d{4}-\d{2}):([0-9a-f-]{36})$/.exec(cancelled.reference);
  if (!m) return false;
  const [, month, pensionUuid] = m as unknown as [string, string, string];
  const line = await trx
    .updateTable('payroll_line')
    .set({ status: 'cancelled' })
    .where('pension_uuid', '=', pensionUuid)
    .where('month', '=', month)
    .where('payment_id', '=', cancelled.paymentId)
    .returning('month')
    .executeTakeFirst();
  await trx
    .updateTable('recovery_claim')
    .set({ status: 'withdrawn', withdrawn_at: recorder.at })
    .where('pension_uuid', '=', pensionUuid)
    .where('month', '=', month)
    .where('status', '=', 'open')
    .execute();
  return line !== undefined;
}
