import type { Migrations } from '@egov/kernel/db';
import * as createCustoms from './20261126T1000_create_customs.ts';

/** golden-customs' migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261126T1000_create_customs': createCustoms,
};
