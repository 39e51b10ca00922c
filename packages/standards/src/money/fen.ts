import type { Brand } from '../brand.ts';

/**
 * An amount of money in fen (分, 0.01 yuan) as a safe integer (|x| ≤ 2^53 − 1, about
 * 90 trillion yuan).
 *
 * Why `number` rather than `bigint`: amounts travel through JSON, zod, tRPC and database
 * drivers, all of which handle numbers natively and choke on bigint, and no government fee
 * or tax comes near 2^53 fen. Integer fen keep additions exact; the operations that could
 * lose precision (multiplying by a rate, dividing) are done in bigint internally and rounded
 * once, and every result is checked with `Number.isSafeInteger`.
 *
 * Negative values are allowed (refunds, adjustments); `fenSchema` restricts to ≥ 0.
 */
export type Fen = Brand<number, 'Fen'>;

/**
 * Brands a number as {@link Fen} after checking it is a safe integer.
 *
 * @throws RangeError for fractions, NaN, infinities or values beyond ±(2^53 − 1).
 * @example
 * fen(12345) // 12345 (123.45 yuan)
 * fen(1.5)   // throws RangeError
 */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`fen amount must be a safe integer, got ${value}`);
  return value as Fen;
}

/**
 * Converts an exact bigint fen amount back to {@link Fen}, refusing silent precision loss.
 *
 * @throws RangeError if the value is outside the safe-integer range.
 * @example
 * fenFromBigInt(12345n) // 12345
 */
export function fenFromBigInt(value: bigint): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`fen amount ${value} exceeds the safe integer range`);
  }
  return Number(value) as Fen;
}
