import type { Migrations } from '@egov/kernel/db';
import * as createDocuments from './20261203T1910_create_documents.ts';
import * as createIncoming from './20261203T1920_create_incoming.ts';
import * as createArchiveAndTraining from './20261203T1930_create_archive_and_training.ts';

/** office-resources's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261203T1910_create_documents': createDocuments,
  '20261203T1920_create_incoming': createIncoming,
  '20261203T1930_create_archive_and_training': createArchiveAndTraining,
};
