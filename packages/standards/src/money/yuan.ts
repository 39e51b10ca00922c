import { err, ok, type Result } from '../result.ts';
import { parseDecimal } from './decimal.ts';
import { type Fen, fenFromBigInt } from './fen.ts';
import { roundHalfUp } from './rounding.ts';

/**
 * Parses a yuan amount written as a decimal string into fen, rounding to the nearest fen with
 * halves away from zero ('0.005' → 1, '-0.005' → -1). Any number of decimals is accepted
 * because amounts derived elsewhere (unit price × quantity, FX conversion) often carry more;
 * use `yuanStringSchema` to reject them in user input instead.
 *
 * @example
 * tryParseYuan('123.45') // { ok: true, value: 12345 }
 * tryParseYuan('12,3')   // { ok: false, part: 'format', ... }
 */
export function tryParseYuan(input: string): Result<Fen, 'format' | 'range'> {
  const d = parseDecimal(input);
  if (!d) return err('format', `yuan amount format is wrong: "${input}" is not a plain decimal number`);
  const fen = roundHalfUp(d.digits * 100n, 10n ** BigInt(d.scale));
  try {
    return ok(fenFromBigInt(fen));
  } catch {
    return err('range', `yuan amount ${input} is too large`);
  }
}

/**
 * Like {@link tryParseYuan} but throws; for trusted input such as configuration and fixtures.
 *
 * @throws RangeError on malformed or out-of-range input.
 * @example
 * parseYuan('123.45') // 12345
 * parseYuan('0.005')  // 1
 * parseYuan('-0.005') // -1
 */
export function parseYuan(input: string): Fen {
  const r = tryParseYuan(input);
  if (!r.ok) throw new RangeError(r.message);
  return r.value;
}

/**
 * Formats fen as a yuan decimal string with exactly two decimals, no grouping and no
 * currency sign, so the output parses back with {@link parseYuan} to the same value.
 * A bigint (a total beyond 2^53 fen) formats exactly too.
 *
 * @throws RangeError if `amount` is a number but not a safe integer.
 * @example
 * formatYuan(12345) // '123.45'
 * formatYuan(-5)    // '-0.05'
 * formatYuan(9007199254740993n) // '90071992547409.93'
 */
export function formatYuan(amount: number | bigint): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount))
    throw new RangeError(`fen amount must be a safe integer, got ${amount}`);
  const big = BigInt(amount);
  const abs = big < 0n ? -big : big;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return big < 0n ? `-${text}` : text;
}
