/**
 * Outcome of validating or parsing an external value.
 *
 * Validators in this package never throw on bad input: a citizen typing an ID into a form is
 * not an exceptional event, and callers need to know WHICH part was wrong to show a useful
 * message (or to log a structured reason), hence `part`.
 *
 * @example
 * const r: Result<number> = ok(42);
 * if (!r.ok) console.log(r.part, r.message);
 */
export type Result<T, P extends string = string> = Ok<T> | Err<P>;

/** Success branch of {@link Result}. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** Failure branch of {@link Result}: `part` is a stable machine-readable name, `message` is for humans. */
export interface Err<P extends string = string> {
  readonly ok: false;
  readonly part: P;
  readonly message: string;
}

/**
 * Builds a success result.
 *
 * @example
 * ok('110101') // { ok: true, value: '110101' }
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Builds a failure result naming the failed part.
 *
 * @example
 * err('length', 'resident ID must be 18 characters, got 17')
 */
export function err<P extends string>(part: P, message: string): Err<P> {
  return { ok: false, part, message };
}
