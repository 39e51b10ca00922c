/**
 * Integer helpers for tree sizes and indices. Sizes are plain numbers (an audit log will never pass
 * 2^53 entries), so we use arithmetic instead of `>>`/`&`, which would truncate to 32 bits.
 */

/** A usable tree size or index: a non-negative safe integer. Rejects NaN, floats, 2^64 − 1, bigint… */
export function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `x >> 1` for any safe integer. */
export function half(x: number): number {
  return Math.floor(x / 2);
}

/** True for 1, 2, 4, 8, … */
export function isPowerOfTwo(x: number): boolean {
  let p = 1;
  while (p < x) p *= 2;
  return p === x;
}

/** Number of set bits: how many perfect subtrees a compact range of `size` leaves holds. */
export function popCount(x: number): number {
  let count = 0;
  for (let s = x; s > 0; s = half(s)) count += s % 2;
  return count;
}

/** RFC 6962 §2.1 split point: the largest power of two strictly smaller than `n` (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
