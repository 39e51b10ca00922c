/**
 * Luhn (ISO/IEC 7812-1 mod 10) check digit for a digit string without its check digit.
 * Detects every single-digit error and most adjacent transpositions.
 *
 * @throws RangeError if `payload` is empty or not all digits.
 * @example
 * luhnCheckDigit('622202100112345678') // '9' (→ 6222021001123456789)
 */
export function luhnCheckDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new RangeError(`expected digits, got "${payload}"`);
  let sum = 0;
  // Double every second digit counting leftwards from the one next to the (future) check digit.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
