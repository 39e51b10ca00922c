import type { Migrations } from '@egov/kernel/db';
import * as createTreasury from './20261126T0900_create_treasury.ts';
import * as paymentBatches from './20261203T1900_payment_batches.ts';

/** golden-finance's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261126T0900_create_treasury': createTreasury,
  '20261203T1900_payment_batches': paymentBatches,
};
