/**
 * Masks a resident ID for display or logs, keeping the first 3 and last 4 characters and
 * replacing every other character with `*` (length is preserved). Three leading digits only
 * reveal the province and prefecture digit, and no birth date is exposed, in line with the
 * PIPL minimum-necessary principle while still letting a person recognise their own number.
 *
 * Works on any string (including invalid input, which must not leak either); strings of 7
 * characters or fewer are masked entirely.
 *
 * @example
 * maskResidentId('11010519491231002X') // '110***********002X'
 */
export function maskResidentId(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}
