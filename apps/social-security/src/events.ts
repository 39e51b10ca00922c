import { defineEvent } from '@egov/kernel/messaging';
import { z } from 'zod';

/*
 * The events social-security consumes. Apps import nothing from each other
 * but router types, so these are its own copies of the producers' contracts:
 * tolerant readers of the fields it relies on (a field added later does not
 * make the event dead; a payload that breaks them is a dead letter at once).
 */

const residentId = z.string().regex(/^[0-9]{17}[0-9X]$/);

/** CONSUMED, produced by golden-shield: a death was recorded (flow 3). */
export const deathRecorded = defineEvent(
  'golden-shield.death.recorded.v1',
  z.object({ residentId, diedOn: z.iso.date() }),
);

/** CONSUMED, produced by golden-finance: a payment request was cancelled unpaid because its payee died. */
export const paymentCancelled = defineEvent(
  'golden-finance.payment.cancelled.v1',
  z.object({
    paymentId: z.uuid(),
    source: z.string(),
    sourceReference: z.string(),
    payeeResidentId: residentId,
    amountFen: z.number().int().positive(),
  }),
);
