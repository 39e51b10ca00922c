import type { Migrations } from '@egov/kernel/db';
import * as macroBaseDatabase from './20261203T1910_macro_base_database.ts';

/** macroeconomics's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1910_macro_base_database': macroBaseDatabase };
