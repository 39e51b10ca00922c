import { type Fen, fenFromBigInt } from './fen.ts';
import { type RateInput, ratio } from './ratio.ts';
import { roundHalfUp } from './rounding.ts';

function toBig(amount: number): bigint {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`fen amount must be a safe integer, got ${amount}`);
  return BigInt(amount);
}

/**
 * Multiplies a fen amount by a rate exactly (bigint rationals) and rounds once to the fen,
 * halves away from zero. Compose compound rates with `mulRatio`/`divRatio` first so the
 * rounding happens only at the end of each tax.
 *
 * @throws RangeError on a non-integer amount, a malformed rate or an out-of-range result.
 * @example
 * mulRateHalfUp(fen(10_000_000), '0.10')               // 1_000_000 (duty on CIF 100,000.00)
 * mulRateHalfUp(fen(11_000_000), { num: 1, den: 9 })    // 1_222_222 (consumption tax, t = 10%)
 */
export function mulRateHalfUp(amount: number, rate: RateInput): Fen {
  const r = ratio(rate);
  return fenFromBigInt(roundHalfUp(toBig(amount) * r.num, r.den));
}

/**
 * Divides a fen amount by an integer or rational exactly and rounds once to the fen, halves
 * away from zero. Note that splitting into n shares this way need not sum back to the
 * total; allocate the remainder explicitly when that matters.
 *
 * @throws RangeError on division by zero, a malformed divisor or an out-of-range result.
 * @example
 * divHalfUp(fen(100), 3)      // 33
 * divHalfUp(fen(100), 8)      // 13 (12.5 rounds up)
 * divHalfUp(fen(100), '0.9')  // 111
 */
export function divHalfUp(amount: number, divisor: RateInput): Fen {
  const r = ratio(divisor);
  if (r.num === 0n) throw new RangeError('division by zero');
  return fenFromBigInt(roundHalfUp(toBig(amount) * r.den, r.num));
}
