import { defineEvent } from '@egov/kernel/messaging';
import { z } from 'zod';

/*
 * The events golden-finance publishes and the one it consumes. Payloads are
 * JSON: amounts in integer fen, days `YYYY-MM-DD` in China.
 */

const residentId = z.string().regex(/^[0-9]{17}[0-9X]$/);

/**
 * A payment request was cancelled before it was paid, because its payee died
 * (flow 3). Published for batch lines only (they carry the caller's own
 * reference), so the requester can match it to what it asked for.
 */
export const paymentCancelled = defineEvent(
  'golden-finance.payment.cancelled.v1',
  z.strictObject({
    paymentId: z.uuid(),
    /** The requester (`service:social-security`) and its reference of the line. */
    source: z.string(),
    sourceReference: z.string(),
    payeeResidentId: residentId,
    amountFen: z.number().int().positive(),
    reason: z.enum(['payee_deceased']),
    cancelledAt: z.iso.datetime(),
  }),
);

/**
 * CONSUMED, produced by golden-shield: a death was recorded (flow 3). Apps
 * import nothing from each other but router types, so this is finance's own
 * copy of the contract: a tolerant reader of the fields it relies on.
 */
export const deathRecorded = defineEvent(
  'golden-shield.death.recorded.v1',
  z.object({ residentId, diedOn: z.iso.date() }),
);
