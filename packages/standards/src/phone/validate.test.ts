import { describe, expect, it } from 'vitest';
import { maskPhone } from './mask.ts';
import { mobilePhoneSchema } from './schema.ts';
import { validateMobilePhone } from './validate.ts';

describe('validateMobilePhone', () => {
  it('accepts mainland mobile numbers in common written forms', () => {
    for (const input of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+8613812345678',
      '0086 199 1234 5678',
    ]) {
      expect(validateMobilePhone(input), input).toMatchObject({ ok: true });
    }
    expect(validateMobilePhone('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
  });

  it.each([
    ['format', '1381234567a'],
    ['format', '(138)12345678'],
    ['length', '1381234567'],
    ['length', '138123456789'],
    ['prefix', '12812345678'],
    ['prefix', '23812345678'],
  ])('names the failed part: %s (%s)', (part, input) => {
    const r = validateMobilePhone(input);
    expect(r).toMatchObject({ ok: false, part });
    expect(!r.ok && r.message).toMatch(part);
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('mobilePhoneSchema', () => {
  it('outputs the bare number and reports the failed part', () => {
    expect(mobilePhoneSchema.parse('138 1234 5678')).toBe('13812345678');
    expect(mobilePhoneSchema.safeParse('12812345678').error?.issues[0]).toMatchObject({
      params: { part: 'prefix' },
    });
  });
});
