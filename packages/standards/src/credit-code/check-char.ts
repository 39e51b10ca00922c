import { CREDIT_CODE_ALPHABET, creditCodeCharValue } from './alphabet.ts';

/** Weights 3^i mod 31 for positions i = 0..16, as tabulated in GB 32100-2015. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Computes the GB 32100-2015 check character (position 18) for the first 17 characters.
 *
 * check = (31 - sum mod 31) mod 31. The outer `mod 31` matters: when the weighted sum is a
 * multiple of 31 the check value is 0 ('0'); one widely copied implementation omits it and
 * indexes the alphabet at 31, producing `undefined`.
 *
 * @throws RangeError if `first17` is not 17 characters from the code alphabet.
 * @example
 * creditCodeCheckChar('91350100M000100Y4') // '3'
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = creditCodeCharValue(first17[i]!);
    if (v < 0) throw new RangeError(`"${first17[i]}" is not a credit code character`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}
