import { defineEvent } from '@egov/kernel/messaging';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * The events social-security consumes and publishes. Apps import nothing from
 * each other but router types and contracts, so the consumed ones are its own
 * copies of the producers' contracts: tolerant readers of the fields it relies
 * on (a field added later does not make the event dead; a payload that breaks
 * them is a dead letter at once).
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

/** CONSUMED, produced by golden-quality (flow 2): a legal entity was registered, its credit code issued. */
export const entityRegistered = defineEvent(
  'golden-quality.entity.registered.v1',
  z.object({
    creditCode: creditCodeSchema,
    name: z.string().trim().min(1).max(100),
    registeredAt: z.iso.datetime(),
  }),
);

/** The entity has its employer account here (opened now, or before): golden-quality shows the step. */
export const employerRegistered = defineEvent(
  'social-security.employer.registered.v1',
  z.strictObject({
    creditCode: z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{18}$/),
    registeredAt: z.iso.datetime(),
  }),
);
