import { defineEvent } from '@egov/kernel/messaging';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * The events social-security consumes and publishes. Apps share no code, so
 * this is its own copy of golden-quality's contract: a tolerant reader of the
 * fields it relies on; a payload that breaks it is a dead letter at once.
 */

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
