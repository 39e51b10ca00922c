/**
 * Divides `num / den` and rounds to the nearest integer, halves away from zero
 * (四舍五入 on the magnitude, so -0.5 -> -1). Symmetric rounding makes a refund exactly the
 * negation of the charge it reverses, which banker's or floor-based rounding would not.
 *
 * @throws RangeError if `den` is zero.
 * @example
 * roundHalfUp(5n, 2n)  // 3n  (2.5 -> 3)
 * roundHalfUp(-5n, 2n) // -3n (-2.5 -> -3)
 * roundHalfUp(7n, 3n)  // 2n
 */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('division by zero');
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}
