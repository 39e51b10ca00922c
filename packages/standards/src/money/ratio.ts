import { parseDecimal } from './decimal.ts';

/** An exact rational number `num / den` with `den > 0`, reduced to lowest terms. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/**
 * Ways to write a rate: a decimal string (`'0.13'`), an integer (`3`, `3n`) or a fraction
 * (`{ num: 13, den: 100 }`). Fractional JS numbers are refused because `0.13` as a float is
 * not 13/100; write the string instead.
 */
export type RateInput =
  | string
  | number
  | bigint
  | { readonly num: number | bigint; readonly den: number | bigint };

function toBigInt(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isSafeInteger(v))
    throw new RangeError(`rate part must be a safe integer, got ${v}; use a decimal string`);
  return BigInt(v);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(num: bigint, den: bigint): Ratio {
  if (den === 0n) throw new RangeError('ratio denominator must not be zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/**
 * Converts a {@link RateInput} (a {@link Ratio} is one too) to an exact reduced {@link Ratio}.
 *
 * @throws RangeError on malformed strings, fractional numbers or a zero denominator.
 * @example
 * ratio('0.13')               // { num: 13n, den: 100n }
 * ratio({ num: 1, den: 9 })   // { num: 1n, den: 9n }
 */
export function ratio(input: RateInput): Ratio {
  if (typeof input === 'string') {
    const d = parseDecimal(input);
    if (!d) throw new RangeError(`not a decimal number: "${input}"`);
    return make(d.digits, 10n ** BigInt(d.scale));
  }
  if (typeof input === 'object') return make(toBigInt(input.num), toBigInt(input.den));
  return make(toBigInt(input), 1n);
}

/** @example addRatio(ratio('0.1'), ratio(1)) // { num: 11n, den: 10n } */
export function addRatio(a: RateInput, b: RateInput): Ratio {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.num * y.den + y.num * x.den, x.den * y.den);
}

/** @example subRatio(1, '0.1') // { num: 9n, den: 10n } */
export function subRatio(a: RateInput, b: RateInput): Ratio {
  const y = ratio(b);
  return addRatio(a, { num: -y.num, den: y.den });
}

/** @example mulRatio('0.1', '0.13') // { num: 13n, den: 1000n } */
export function mulRatio(a: RateInput, b: RateInput): Ratio {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.num * y.num, x.den * y.den);
}

/**
 * @throws RangeError when dividing by zero.
 * @example divRatio('0.1', subRatio(1, '0.1')) // { num: 1n, den: 9n }
 */
export function divRatio(a: RateInput, b: RateInput): Ratio {
  const x = ratio(a);
  const y = ratio(b);
  return make(x.num * y.den, x.den * y.num);
}
