import { onEvent } from '@egov/kernel/messaging';
import type { GoldenQualityDatabase } from '../database.ts';
import { employerRegistered, taxpayerRegistered } from '../events.ts';
import { markStep } from './application.service.ts';

/**
 * Flow 2, the steps coming back: golden-tax registered the taxpayer,
 * social-security opened the employer account. Each runs in the transaction
 * that marks the event done in the inbox; marking keeps the first time, so a
 * redelivery changes nothing.
 */
export const taxpayerRegisteredHandler = onEvent<typeof taxpayerRegistered.schema, GoldenQualityDatabase>(
  taxpayerRegistered,
  (trx, payload) => markStep(trx, payload.creditCode, 'taxpayer_registered', new Date(payload.registeredAt)),
);

export const employerRegisteredHandler = onEvent<typeof employerRegistered.schema, GoldenQualityDatabase>(
  employerRegistered,
  (trx, payload) => markStep(trx, payload.creditCode, 'employer_registered', new Date(payload.registeredAt)),
);
