/**
 * Service functions other workspace packages may call directly: the benchmark
 * (`pnpm bench transaction-reports`) runs the same validation, inserts and
 * reports without the kernel. Apps never import these: they use the router.
 */
export { registerInstitution } from './institutions/institution.service.ts';
export { COLUMNS, MAX_ROWS_PER_FILE } from './transactions/transaction.rules.ts';
export { submitBatch } from './transactions/transaction.service.ts';
