import { defineEvent } from '@egov/kernel/messaging';
import { z } from 'zod';

/*
 * The events golden-shield publishes. Payloads are JSON: days `YYYY-MM-DD`,
 * instants ISO 8601. Each is written to the outbox in the mutation's own
 * transaction, so it exists if and only if the change committed.
 */

/**
 * A death was recorded (死亡登记), flow 3: social-security stops the pension,
 * golden-finance cancels payments not yet paid. The resident ID is the key
 * every consumer holds; nothing else of the person is sent.
 */
export const deathRecorded = defineEvent(
  'golden-shield.death.recorded.v1',
  z.strictObject({
    residentId: z.string().regex(/^[0-9]{17}[0-9X]$/),
    diedOn: z.iso.date(),
    certificateNo: z.string(),
    recordedAt: z.iso.datetime(),
  }),
);
