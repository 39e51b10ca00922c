import { provinceOf } from '../divisions/lookup.ts';
import { err, ok, type Result } from '../result.ts';
import { creditCodeCharValue, REGISTRATION_AUTHORITIES } from './alphabet.ts';
import { creditCodeCheckChar } from './check-char.ts';
import { organisationCodeCheckChar } from './organisation-code.ts';
import type { CreditCode, CreditCodePart } from './types.ts';

/**
 * Division code used by entities registered by central (national-level) authorities, e.g.
 * State Council bodies (`11100000…`) and national social organisations (`51100000…`).
 * It is 中华人民共和国 in GB/T 2260, not a province, so it is allowed explicitly.
 */
const NATIONAL_DIVISION = '100000';

/**
 * Validates an 18-character GB 32100-2015 unified social credit code (统一社会信用代码):
 * registration authority (1) + entity type (1) + division code (6) + GB 11714 organisation
 * code (9, with its own check char) + check char (1).
 *
 * Parts are checked in order, first failure reported: `length`, `format` (alphabet
 * `0-9A-Y` without I O S V Z; lower-case letters are accepted and normalised to upper case,
 * as with the `x` of resident IDs),
 * `registration_authority`, `division` (province digits must be a real province, or the
 * national code 100000; the rest is not checked because registries also use codes of
 * development zones that are not in GB/T 2260), `organisation_code`, `check_digit`.
 *
 * @example
 * validateCreditCode('91350100m000100y43') // { ok: true, value: '91350100M000100Y43' }
 * validateCreditCode('91350100M000100Y44') // { ok: false, part: 'check_digit', ... }
 */
export function validateCreditCode(raw: string): Result<CreditCode, CreditCodePart> {
  if (raw.length !== 18) {
    return err('length', `credit code length is wrong: must be 18 characters, got ${raw.length}`);
  }
  const input = raw.toUpperCase();
  for (const ch of input) {
    if (creditCodeCharValue(ch) < 0) {
      return err(
        'format',
        `credit code format is wrong: "${ch}" is not allowed (0-9, A-Y without I O S V Z)`,
      );
    }
  }
  if (!REGISTRATION_AUTHORITIES.includes(input[0]!)) {
    return err(
      'registration_authority',
      `credit code registration authority "${input[0]}" is not a known authority`,
    );
  }
  const division = input.slice(2, 8);
  if (!/^\d{6}$/.test(division) || (division !== NATIONAL_DIVISION && !provinceOf(division))) {
    return err('division', `credit code division code "${division}" is wrong: not a real province`);
  }
  const org = input.slice(8, 17);
  const orgExpected = organisationCodeCheckChar(org.slice(0, 8));
  if (orgExpected !== org[8]) {
    return err(
      'organisation_code',
      `credit code organisation code ${org} is wrong: check character expected ${orgExpected}, got ${org[8]}`,
    );
  }
  const expected = creditCodeCheckChar(input.slice(0, 17));
  if (expected !== input[17]) {
    return err('check_digit', `credit code check digit is wrong: expected ${expected}, got ${input[17]}`);
  }
  return ok(input as CreditCode);
}
