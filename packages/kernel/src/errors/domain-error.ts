/**
 * The one error type that handlers throw. Its `code` is a closed enum mapped
 * to transport codes in exactly one place (`toTrpcCode`), so no handler ever
 * catches and re-wraps errors.
 *
 * @example
 * throw new DomainError('NOT_FOUND', 'no resident with this ID', { field: 'residentId' });
 */
export const domainErrorCodes = [
  'INVALID', // input passed its schema but breaks a domain rule
  'NOT_FOUND',
  'CONFLICT', // the state does not allow it (already exists, already dead...)
  'UNAUTHORIZED', // no or bad credentials
  'FORBIDDEN', // credentials fine, permission missing
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'UNAVAILABLE', // a dependency is down
  'TIMEOUT',
] as const;

export type DomainErrorCode = (typeof domainErrorCodes)[number];

export interface DomainErrorDetails {
  /** The input field the error is about, as a dotted path. */
  field?: string;
  /** The rule that failed, e.g. `check_digit`. */
  rule?: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/**
 * A refusal whose writes commit (with its audit record) instead of rolling
 * back with the mutation: for counting a failed attempt (a wrong password, a
 * wrong one-time code) in the same transaction, under the same row lock, as
 * the check it counts, so no concurrent or batched attempt can be checked
 * before the count is in. Only for counters: never throw it after a partial
 * change.
 *
 * @example
 * await countFailure(trx, officialId);
 * throw new CountedRefusal('UNAUTHORIZED', 'username or password is wrong');
 */
export class CountedRefusal extends DomainError {}

/** Whether `error` (or the cause tRPC wrapped it in) is a `CountedRefusal`. */
export function isCountedRefusal(error: unknown): boolean {
  return error instanceof CountedRefusal || (error as { cause?: unknown })?.cause instanceof CountedRefusal;
}
