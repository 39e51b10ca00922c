import { onEvent } from '@egov/kernel/messaging';
import type { OfficeResourcesDatabase } from '../database.ts';
import { incomingReceipted } from '../events.ts';
import { manifest } from '../manifest.ts';
import { recordReceipt } from './document.service.ts';

/**
 * 回执: an addressee's system signed for a document and sent the receipt back. The kernel runs this in
 * the transaction that marks the event done in the inbox; `recordReceipt` changes a row once only.
 */
export const receiptHandler = onEvent<typeof incomingReceipted.schema, OfficeResourcesDatabase>(
  incomingReceipted,
  async (trx, payload) => {
    await recordReceipt(trx, payload, manifest.agency.code);
  },
);
