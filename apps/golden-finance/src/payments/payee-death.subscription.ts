import { onEvent, publishEvents } from '@egov/kernel/messaging';
import type { GoldenFinanceDatabase } from '../database.ts';
import { deathRecorded, paymentCancelled } from '../events.ts';
import { cancelPaymentsToDeceased } from './payee-death.service.ts';

/**
 * Flow 3, golden-finance's part: golden-shield recorded a death, so payments
 * to that person not yet paid are cancelled, in the transaction that marks
 * the event done in the inbox, and each cancelled batch line is published
 * (`golden-finance.payment.cancelled.v1`) for its requester. Finance consumes
 * the death itself rather than waiting for social-security to ask: it stops
 * any payer's payments to the dead, and needs no call that could fail.
 */
export const deathRecordedHandler = onEvent<typeof deathRecorded.schema, GoldenFinanceDatabase>(
  deathRecorded,
  async (trx, payload, envelope) => {
    const at = new Date();
    const cancelled = await cancelPaymentsToDeceased(
      trx,
      { residentId: payload.residentId, diedOn: payload.diedOn, eventId: envelope.id },
      { by: `event:${envelope.producer}`, at },
    );
    if (cancelled.length > 0)
      await publishEvents(
        trx,
        paymentCancelled,
        cancelled.map((c) => ({ ...c, reason: 'payee_deceased' as const, cancelledAt: at.toISOString() })),
        { producer: 'golden-finance', ...(envelope.traceId ? { traceId: envelope.traceId } : {}) },
      );
  },
);
