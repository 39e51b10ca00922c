/** GB 11714-1997 weights for the 8 body characters of an organisation code. */
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Computes the GB 11714-1997 organisation code (组织机构代码) check character for its first
 * 8 characters. Unlike GB 32100, GB 11714 values letters by their position in the full Latin
 * alphabet (A = 10 … Z = 35). check = 11 - (sum mod 11), written 'X' for 10 and '0' for 11.
 *
 * @throws RangeError if `first8` is not 8 digits or upper-case letters.
 * @example
 * organisationCodeCheckChar('M000100Y') // '4'
 * organisationCodeCheckChar('80210043') // '3'
 */
export function organisationCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError(`expected 8 digits or capitals, got "${first8}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(first8[i]!, 36) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
