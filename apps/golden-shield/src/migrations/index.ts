import type { Migrations } from '@egov/kernel/db';
import * as createPopulationBase from './20261126T0700_create_population_base.ts';
import * as createCases from './20261203T1950_create_cases.ts';

/** golden-shield's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261126T0700_create_population_base': createPopulationBase,
  '20261203T1950_create_cases': createCases,
};
