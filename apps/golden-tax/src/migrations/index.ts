import type { Migrations } from '@egov/kernel/db';
import * as createTaxBase from './20261127T0900_create_tax_base.ts';

/** golden-tax's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261127T0900_create_tax_base': createTaxBase,
};
