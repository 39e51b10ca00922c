import { lookupDivision, provinceOf } from '../divisions/lookup.ts';
import { err, type Err, type Ok } from '../result.ts';
import { parseBirthDate } from './birth-date.ts';
import { residentIdCheckChar } from './check-char.ts';
import type { ResidentId, ResidentIdPart, ResidentIdParts } from './types.ts';

/** Result of {@link validateResidentId}: success also carries the decoded fields. */
export type ResidentIdResult = (Ok<ResidentId> & { readonly parts: ResidentIdParts }) | Err<ResidentIdPart>;

/** Options for {@link validateResidentId}. */
export interface ValidateResidentIdOptions {
  /** Reference instant for the "not in the future" birth-date rule; defaults to the clock. */
  readonly now?: Date;
}

/**
 * Validates an 18-character GB 11643-1999 resident ID:
 * 6-digit address code + 8-digit birth date + 3-digit sequence (odd = male) + check char.
 *
 * Parts are checked in order and the first failure is reported: `length`, `format`,
 * `division` (province must be real; the full code must be a current or historical
 * division — an ID keeps the code of where and when it was issued), `birth_date`
 * (real calendar date, 1900 or later, not after today in China), `check_digit` (MOD 11-2).
 * A lower-case `x` is accepted and normalised to `X`. No trimming is done.
 *
 * @example
 * const r = validateResidentId('11010519491231002x');
 * // { ok: true, value: '11010519491231002X',
 * //   parts: { division: '110105', birthDate: '1949-12-31', sequence: '002', sex: 'female' } }
 * validateResidentId('110105194912310021') // { ok: false, part: 'check_digit', message: '... expected X, got 1' }
 */
export function validateResidentId(input: string, options: ValidateResidentIdOptions = {}): ResidentIdResult {
  if (input.length !== 18) {
    const hint = input.length === 15 ? ' (15-digit first-generation IDs are not accepted)' : '';
    return err('length', `resident ID length is wrong: must be 18 characters, got ${input.length}${hint}`);
  }
  const id = input.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return err('format', 'resident ID format is wrong: must be 17 digits followed by a digit or X');
  }
  const code = id.slice(0, 6);
  if (!provinceOf(code)) {
    return err(
      'division',
      `resident ID division code ${code} is wrong: ${code.slice(0, 2)} is not a province`,
    );
  }
  const division = lookupDivision(code);
  if (!division) {
    return err(
      'division',
      `resident ID division code ${code} is wrong: not a known current or historical division`,
    );
  }
  const birth = parseBirthDate(id.slice(6, 14), options.now ?? new Date());
  if (!birth.ok) return err('birth_date', `resident ID ${birth.message}`);
  const expected = residentIdCheckChar(id.slice(0, 17));
  const actual = id[17];
  if (expected !== actual) {
    return err('check_digit', `resident ID check digit is wrong: expected ${expected}, got ${actual}`);
  }
  const sequence = id.slice(14, 17);
  return {
    ok: true,
    value: id as ResidentId,
    parts: {
      division: division.code,
      birthDate: birth.value,
      sequence,
      sex: Number(sequence) % 2 === 1 ? 'male' : 'female',
    },
  };
}
