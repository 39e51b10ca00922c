import { onEvent, publishEvent } from '@egov/kernel/messaging';
import type { SocialSecurityDatabase } from '../database.ts';
import { employerRegistered, entityRegistered } from '../events.ts';
import { openEmployerAccount } from './employer.service.ts';

/**
 * Opening a business (flow 2) in social-security: golden-quality registered a
 * legal entity, so its employer account is opened, and social-security says
 * so back (`social-security.employer.registered.v1`, in the same transaction
 * that marks the event done in the inbox). An employer registered already is
 * kept and confirmed again, so a redelivery has no second effect.
 */
export const entityRegisteredHandler = onEvent<typeof entityRegistered.schema, SocialSecurityDatabase>(
  entityRegistered,
  async (trx, payload, envelope) => {
    const employer = await openEmployerAccount(trx, payload, {
      by: `event:${envelope.producer}`,
      at: new Date(),
    });
    await publishEvent(
      trx,
      employerRegistered,
      { creditCode: employer.creditCode, registeredAt: employer.registeredAt },
      { producer: 'social-security', ...(envelope.traceId ? { traceId: envelope.traceId } : {}) },
    );
  },
);
