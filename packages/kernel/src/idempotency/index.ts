export { idempotencyMigrations } from './migrations.ts';
export {
  assertKeyShape,
  claimKey,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_WINDOW_MS,
  requestHash,
  storeResult,
} from './keys.ts';
