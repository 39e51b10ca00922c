import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from './check-char.ts';
import { issueCreditCode } from './issue.ts';
import { organisationCodeCheckChar } from './organisation-code.ts';
import { creditCodeSchema } from './schema.ts';
import { validateCreditCode } from './validate.ts';

describe('validateCreditCode', () => {
  it('accepts real codes', () => {
    for (const code of ['91350100M000100Y43', '91110000802100433B']) {
      expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
    }
  });

  it.each([
    ['length', '91350100M000100Y4', /length/],
    ['format', '91350100M000100Y4I', /format.*"I"/],
    ['format', '91350100M000100y4o', /format.*"O"/],
    ['registration_authority', 'B1350100M000100Y43', /registration authority "B"/],
    ['division', '91990100M000100Y43', /division code "990100"/],
    ['organisation_code', '91350100M000100Y53', /organisation code M000100Y5 .*expected 4, got 5/],
    ['check_digit', '91350100M000100Y44', /check digit is wrong: expected 3, got 4/],
  ])('names the failed part: %s (%s)', (part, code, message) => {
    const r = validateCreditCode(code);
    expect(r).toMatchObject({ ok: false, part });
    expect(!r.ok && r.message).toMatch(message);
  });

  it('accepts lower case and normalizes it', () => {
    expect(validateCreditCode('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('accepts the national division 100000 used by central registrations', () => {
    const code = issueCreditCode({
      authority: '1',
      entityType: '1',
      division: '100000',
      organisationBody: '00001234',
    });
    expect(validateCreditCode(code).ok).toBe(true);
  });
});

describe('creditCodeCheckChar', () => {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weightedSum = (s: string) =>
    [...s].reduce((acc, ch, i) => acc + alphabet.indexOf(ch) * weights[i]!, 0);

  it('weights are 3^i mod 31', () => {
    expect(weights).toEqual(weights.map((_, i) => 3 ** i % 31));
  });

  it("returns '0' when the weighted sum is a multiple of 31 (the missing final mod 31 bug)", () => {
    // Vary the last two division digits until the weighted sum of the first 17 is ≡ 0 (mod 31).
    let first17: string | undefined;
    for (let n = 0; n < 100 && !first17; n++) {
      const candidate = `911101${String(n).padStart(2, '0')}M000100Y4`;
      if (weightedSum(candidate) % 31 === 0) first17 = candidate;
    }
    expect(first17).toBeDefined();
    const prefix = first17!;
    expect(31 - (weightedSum(prefix) % 31)).toBe(31); // the buggy formula would index past the alphabet
    expect(creditCodeCheckChar(prefix)).toBe('0');
    expect(validateCreditCode(`${prefix}0`)).toEqual({ ok: true, value: `${prefix}0` });
  });

  it('rejects malformed prefixes', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});

describe('organisationCodeCheckChar', () => {
  it('follows GB 11714: 11 - (sum mod 11), 10 -> X, 11 -> 0', () => {
    expect(organisationCodeCheckChar('M000100Y')).toBe('4');
    expect(organisationCodeCheckChar('80210043')).toBe('3');
    expect(organisationCodeCheckChar('00000000')).toBe('0'); // sum 0 -> 11 -> '0'
    expect(organisationCodeCheckChar('00000006')).toBe('X'); // sum 12 ≡ 1 -> 10 -> 'X'
    expect(organisationCodeCheckChar('Z0000000')).toBe('5'); // Z = 35 in GB 11714: 3 × 35 = 105 ≡ 6 -> 5
  });
});

describe('issueCreditCode and creditCodeSchema', () => {
  it('reproduces a real code from its parts', () => {
    expect(issueCreditCode({ division: '350100', organisationBody: 'M000100Y' })).toBe('91350100M000100Y43');
    expect(() => issueCreditCode({ division: '990100', organisationBody: 'M000100Y' })).toThrow(/division/);
    expect(() => issueCreditCode({ division: '350100', organisationBody: 'M000100O' })).toThrow(/format/);
  });

  it('reports the failed part in message and params', () => {
    expect(creditCodeSchema.parse('91110000802100433B')).toBe('91110000802100433B');
    const issue = creditCodeSchema.safeParse('91110000802100433A').error?.issues[0];
    expect(issue).toMatchObject({ code: 'custom', params: { part: 'check_digit' } });
    expect(issue?.message).toMatch(/check digit is wrong/);
  });
});
