import type { Brand } from '../brand.ts';
import { err, ok, type Result } from '../result.ts';

/** A mainland China mobile number: 11 digits, `1[3-9]…`, without country code or separators. */
export type MobilePhone = Brand<string, 'MobilePhone'>;

/** Which part of a mobile number failed. */
export type MobilePhonePart = 'format' | 'length' | 'prefix';

/**
 * Validates a mainland mobile number. Spaces and hyphens (as in `138-1234-5678`) and a
 * leading `+86`/`0086` are removed first, since people paste numbers in those forms; the
 * result is the bare 11 digits. The second digit must be 3-9 (MIIT numbering plan). There is
 * no check digit, so a plausible number is all this can confirm.
 *
 * @example
 * validateMobilePhone('+86 138-1234-5678') // { ok: true, value: '13812345678' }
 * validateMobilePhone('12812345678')       // { ok: false, part: 'prefix', ... }
 */
export function validateMobilePhone(input: string): Result<MobilePhone, MobilePhonePart> {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (!/^\d*$/.test(digits)) return err('format', 'mobile number format is wrong: only digits are allowed');
  if (digits.length !== 11)
    return err('length', `mobile number length is wrong: must be 11 digits, got ${digits.length}`);
  if (!/^1[3-9]/.test(digits))
    return err('prefix', `mobile number prefix ${digits.slice(0, 2)} is wrong: must be 13-19`);
  return ok(digits as MobilePhone);
}
