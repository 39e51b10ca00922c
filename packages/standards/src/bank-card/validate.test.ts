import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from './luhn.ts';
import { maskBankCard } from './mask.ts';
import { bankCardSchema } from './schema.ts';
import { validateBankCard } from './validate.ts';

const validCard = fc
  .integer({ min: 15, max: 18 })
  .chain((n) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }))
  .map((digits) => digits.join('') + luhnCheckDigit(digits.join('')));

describe('validateBankCard', () => {
  it('accepts well-known test numbers and grouped input', () => {
    expect(validateBankCard('4111111111111111')).toEqual({ ok: true, value: '4111111111111111' });
    expect(validateBankCard('5555 5555 5555 4444')).toEqual({ ok: true, value: '5555555555554444' });
    expect(validateBankCard('6222 0210 0112 3456 789')).toEqual({ ok: true, value: '6222021001123456789' });
  });

  it.each([
    ['format', '4111-1111-1111-1111', /format/],
    ['format', '411111111111111a', /format/],
    ['length', '411111111111111', /length .* got 15/],
    ['length', '41111111111111111111', /length .* got 20/],
    ['check_digit', '4111111111111112', /check digit is wrong: expected 1, got 2/],
  ])('names the failed part: %s (%s)', (part, card, message) => {
    const r = validateBankCard(card);
    expect(r).toMatchObject({ ok: false, part });
    expect(!r.ok && r.message).toMatch(message);
  });

  it('every generated 16-19 digit Luhn number validates', () => {
    fc.assert(
      fc.property(validCard, (card) => {
        expect(validateBankCard(card)).toEqual({ ok: true, value: card });
      }),
      { numRuns: 200 },
    );
  });

  it('every single-digit substitution is rejected', () => {
    fc.assert(
      fc.property(validCard, (card) => {
        for (let i = 0; i < card.length; i++) {
          for (const c of '0123456789') {
            if (c === card[i]) continue;
            const mutated = card.slice(0, i) + c + card.slice(i + 1);
            expect(validateBankCard(mutated), mutated).toMatchObject({ ok: false, part: 'check_digit' });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('maskBankCard', () => {
  it('shows the first 6 and last 4 digits', () => {
    expect(maskBankCard('6222021001123456789')).toBe('622202*********6789');
    expect(maskBankCard('4111 1111 1111 1111')).toBe('411111******1111');
    expect(maskBankCard('1234567890')).toBe('**********');
  });
});

describe('bankCardSchema', () => {
  it('outputs digits only and reports the failed part', () => {
    expect(bankCardSchema.parse('4111 1111 1111 1111')).toBe('4111111111111111');
    expect(bankCardSchema.safeParse('4111111111111112').error?.issues[0]).toMatchObject({
      params: { part: 'check_digit' },
    });
  });
});
