import { onEvent } from '@egov/kernel/messaging';
import type { SocialSecurityDatabase } from '../database.ts';
import { deathRecorded, paymentCancelled } from '../events.ts';
import { recordCancelledPayment, recordReportedDeath } from './death.service.ts';

/**
 * Flow 3: golden-shield recorded a death. Run in the transaction that marks
 * the event done in the inbox; a late event still stops the next run and
 * turns months already requested after the death into recovery claims.
 */
export const deathRecordedHandler = onEvent<typeof deathRecorded.schema, SocialSecurityDatabase>(
  deathRecorded,
  async (trx, payload, envelope) => {
    await recordReportedDeath(
      trx,
      { residentId: payload.residentId, diedOn: payload.diedOn, eventId: envelope.id },
      { by: `event:${envelope.producer}`, at: new Date() },
    );
  },
);

/** Flow 3: golden-finance cancelled one of this app's payroll payments unpaid, because its payee died. */
export const paymentCancelledHandler = onEvent<typeof paymentCancelled.schema, SocialSecurityDatabase>(
  paymentCancelled,
  async (trx, payload, envelope) => {
    if (payload.source !== 'service:social-security') return;
    await recordCancelledPayment(
      trx,
      { reference: payload.sourceReference, paymentId: payload.paymentId },
      { by: `event:${envelope.producer}`, at: new Date() },
    );
  },
);
