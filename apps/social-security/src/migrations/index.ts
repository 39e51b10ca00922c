import type { Migrations } from '@egov/kernel/db';
import * as createNotices from './20261203T1722_create_notices.ts';

/** social-security's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1722_create_notices': createNotices };
