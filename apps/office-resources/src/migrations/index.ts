import type { Migrations } from '@egov/kernel/db';
import * as createDocuments from './20261203T1910_create_documents.ts';

/** office-resources's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1910_create_documents': createDocuments };
