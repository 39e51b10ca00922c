/** GB 11643-1999 weights: 2^(17-i) mod 11 for positions i = 0..16 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character indexed by (weighted sum mod 11); 'X' stands for the value 10. */
const CHECK_CHARS = '10X98765432';

/**
 * Computes the GB 11643-1999 check character for the first 17 digits of a resident ID.
 * MOD 11-2 detects every single-character substitution and every adjacent transposition.
 *
 * @throws RangeError if `first17` is not exactly 17 ASCII digits (a programming error:
 *   validate input with `validateResidentId` instead).
 * @example
 * residentIdCheckChar('11010519491231002') // 'X'
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}
