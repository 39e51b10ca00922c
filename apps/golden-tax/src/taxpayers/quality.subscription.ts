import { onEvent, publishEvent } from '@egov/kernel/messaging';
import type { GoldenTaxDatabase } from '../database.ts';
import { entityRegistered, taxpayerRegistered } from '../events.ts';
import { registerFromEntity } from './taxpayer.service.ts';

/**
 * Opening a business (flow 2) in golden-tax: golden-quality registered a legal
 * entity, so it becomes a taxpayer of the kind it asked for, and golden-tax
 * says so back (`golden-tax.taxpayer.registered.v1`, in the same
 * transaction). The kernel runs this in the transaction that marks the event
 * done in the inbox; a taxpayer registered already is kept as it is and
 * confirmed again, so a redelivery has no second effect.
 */
export const entityRegisteredHandler = onEvent<typeof entityRegistered.schema, GoldenTaxDatabase>(
  entityRegistered,
  async (trx, payload, envelope) => {
    const taxpayer = await registerFromEntity(trx, payload, {
      by: `event:${envelope.producer}`,
      at: new Date(),
    });
    await publishEvent(
      trx,
      taxpayerRegistered,
      {
        creditCode: taxpayer.creditCode,
        kind: taxpayer.kind,
        registeredAt: taxpayer.registeredAt.toISOString(),
      },
      { producer: 'golden-tax', ...(envelope.traceId ? { traceId: envelope.traceId } : {}) },
    );
  },
);
