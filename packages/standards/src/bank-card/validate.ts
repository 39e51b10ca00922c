import type { Brand } from '../brand.ts';
import { err, ok, type Result } from '../result.ts';
import { luhnCheckDigit } from './luhn.ts';

/** A bank card number (PAN) that passed {@link validateBankCard}: 16-19 digits, no spaces. */
export type BankCard = Brand<string, 'BankCard'>;

/** Which part of a bank card number failed, in the order they are checked. */
export type BankCardPart = 'format' | 'length' | 'check_digit';

/**
 * Validates a bank card number: 16-19 digits with a valid Luhn check digit (UnionPay debit
 * and credit cards are all in that range). Spaces are removed first because cards print
 * numbers in groups of four and people type them that way; anything else non-digit fails
 * `format`, which is checked before `length` so "6222 abc" is not reported as too short.
 *
 * @example
 * validateBankCard('6222 0210 0112 3456 789') // { ok: true, value: '6222021001123456789' }
 * validateBankCard('6222021001123456788')     // { ok: false, part: 'check_digit', ... }
 */
export function validateBankCard(input: string): Result<BankCard, BankCardPart> {
  const pan = input.replaceAll(' ', '');
  if (!/^\d*$/.test(pan)) return err('format', 'bank card number format is wrong: only digits are allowed');
  if (pan.length < 16 || pan.length > 19) {
    return err('length', `bank card number length is wrong: must be 16-19 digits, got ${pan.length}`);
  }
  const expected = luhnCheckDigit(pan.slice(0, -1));
  if (expected !== pan.at(-1)) {
    return err('check_digit', `bank card check digit is wrong: expected ${expected}, got ${pan.at(-1)}`);
  }
  return ok(pan as BankCard);
}
