/** A decimal string decomposed as `digits × 10^-scale` (e.g. '-1.25' → { digits: -125n, scale: 2 }). */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/**
 * Grammar accepted for money and rates: optional sign, at least one integer digit, optional
 * fraction. Exponents, thousands separators and bare '.5' are refused: such forms in
 * financial input usually mean a formatting bug upstream, not a number to guess at.
 */
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Parses a plain decimal string exactly, or returns `undefined` if it does not match the
 * grammar above.
 *
 * @example
 * parseDecimal('123.45') // { digits: 12345n, scale: 2 }
 * parseDecimal('1e3')    // undefined
 */
export function parseDecimal(input: string): Decimal | undefined {
  const m = DECIMAL.exec(input);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const magnitude = BigInt(m[2]! + frac);
  return { digits: m[1] === '-' ? -magnitude : magnitude, scale: frac.length };
}
