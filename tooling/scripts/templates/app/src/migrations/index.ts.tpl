import type { Migrations } from '@egov/kernel/db';
import * as createNotices from './__migrationId___create_notices.ts';

/** __name__'s migrations, in the order they were written. */
export const migrations: Migrations = { '__migrationId___create_notices': createNotices };
