import { err, ok, type Result } from '../result.ts';
import { lookupDivision, provinceOf } from './lookup.ts';
import type { DivisionCode } from './types.ts';

/** Which part of a division code failed to parse. */
export type DivisionCodePart = 'format' | 'province' | 'division';

/**
 * Parses a 6-digit GB/T 2260 code into a {@link DivisionCode}. The province digits must name a
 * real province, and the whole code must be known, current or historical (abolished codes stay
 * valid on documents issued before the change).
 *
 * @example
 * parseDivisionCode('110104') // { ok: true, value: '110104' } (宣武区, historical)
 * parseDivisionCode('1101')   // { ok: false, part: 'format', ... }
 * parseDivisionCode('990101') // { ok: false, part: 'province', ... }
 */
export function parseDivisionCode(input: string): Result<DivisionCode, DivisionCodePart> {
  if (!/^\d{6}$/.test(input)) return err('format', `division code must be 6 digits, got "${input}"`);
  if (!provinceOf(input))
    return err('province', `division code ${input} has unknown province ${input.slice(0, 2)}`);
  const division = lookupDivision(input);
  if (!division)
    return err('division', `division code ${input} is not a known current or historical division`);
  return ok(division.code);
}

/**
 * Right-pads 2- or 4-digit province/prefecture codes (as some datasets write them) to the
 * 6-digit GB/T 2260 form. Returns `undefined` for anything else; does not check existence.
 *
 * @example
 * normalizeDivisionCode('11')   // '110000'
 * normalizeDivisionCode('1101') // '110100'
 */
export function normalizeDivisionCode(input: string): string | undefined {
  return /^(\d{2}|\d{4}|\d{6})$/.test(input) ? input.padEnd(6, '0') : undefined;
}
