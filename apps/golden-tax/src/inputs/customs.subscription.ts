import { onEvent } from '@egov/kernel/messaging';
import type { GoldenTaxDatabase } from '../database.ts';
import { importVatCertified } from '../events.ts';
import { recordImportVatCertificate } from './input.service.ts';

/**
 * Import clearance, last step in golden-tax: customs certified the import VAT
 * an importer paid, so it becomes deductible input. The kernel runs this in
 * the transaction that marks the event done in the inbox, and the service
 * dedupes by certificate number, so a redelivery has no second effect.
 */
export const importVatCertifiedHandler = onEvent<typeof importVatCertified.schema, GoldenTaxDatabase>(
  importVatCertified,
  async (trx, payload, envelope) => {
    await recordImportVatCertificate(trx, payload, { by: `event:${envelope.producer}`, at: new Date() });
  },
);
