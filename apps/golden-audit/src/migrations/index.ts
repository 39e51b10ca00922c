import type { Migrations } from '@egov/kernel/db';
import * as createNotices from './20261203T1859_create_notices.ts';

/** golden-audit's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1859_create_notices': createNotices };
