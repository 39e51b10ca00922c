import type { Migrations } from '@egov/kernel/db';
import * as createInsuredPersons from './20261203T1730_create_insured_persons.ts';

/** social-security's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261203T1730_create_insured_persons': createInsuredPersons,
};
