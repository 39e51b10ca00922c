import type { Migrations } from '@egov/kernel/db';
import * as createNotices from './20261203T1858_create_notices.ts';

/** macroeconomics's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1858_create_notices': createNotices };
