import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from './check-char.ts';
import { validateResidentId } from './validate.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
/** Builds an 18-char ID with a correct check char, whatever else is wrong with it. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const check = (id: string, now = NOW) => validateResidentId(id, { now });

describe('validateResidentId', () => {
  it('accepts the GB 11643 sample and decodes it', () => {
    expect(check('11010519491231002X')).toEqual({
      ok: true,
      value: '11010519491231002X',
      parts: { division: '110105', birthDate: '1949-12-31', sequence: '002', sex: 'female' },
    });
  });

  it('accepts lower-case x and normalizes it', () => {
    expect(check('11010519491231002x')).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('rejects a wrong length', () => {
    const r = check('11010519491231002');
    expect(r).toMatchObject({ ok: false, part: 'length' });
    expect(!r.ok && r.message).toMatch(/length/);
    expect(check('110105491231002')).toMatchObject({ ok: false, part: 'length' });
  });

  it('rejects bad characters', () => {
    for (const bad of [
      '11010519491231002A',
      '1101051949123100X2',
      '11010519491231002 ',
      '１１0105194912310023',
    ]) {
      const r = check(bad);
      expect(r, bad).toMatchObject({ ok: false, part: 'format' });
      expect(!r.ok && r.message).toMatch(/format/);
    }
  });

  it('rejects an unknown province, and an unknown code inside a real province', () => {
    const r = check(withCheck('99010519491231002'));
    expect(r).toMatchObject({ ok: false, part: 'division' });
    expect(!r.ok && r.message).toMatch(/division code 990105 .*not a province/);
    expect(check(withCheck('11019919491231002'))).toMatchObject({ ok: false, part: 'division' });
  });

  it('accepts historical division codes still printed on older IDs', () => {
    for (const code of ['110103', '110104', '310230', '440107']) {
      expect(check(withCheck(`${code}19800101001`)), code).toMatchObject({
        ok: true,
        parts: { division: code },
      });
    }
  });

  it('checks Feb 29 against leap years', () => {
    expect(check(withCheck('11010120000229001')).ok).toBe(true); // 2000: divisible by 400
    expect(check(withCheck('11010120240229001')).ok).toBe(true);
    for (const bad of ['19000229', '20230229', '21000229']) {
      const r = check(withCheck(`110101${bad}001`), new Date('2200-01-01T00:00:00Z'));
      expect(r, bad).toMatchObject({ ok: false, part: 'birth_date' });
      expect(!r.ok && r.message).toMatch(/birth date .* not a calendar date/);
    }
  });

  it('rejects impossible months and days, dates before 1900 and dates in the future', () => {
    for (const bad of ['19801301', '19800001', '19800431', '19800100', '18991231', '20250602']) {
      expect(check(withCheck(`110101${bad}001`)), bad).toMatchObject({ ok: false, part: 'birth_date' });
    }
    const r = check(withCheck('11010120250602001'));
    expect(!r.ok && r.message).toMatch(/birth date 2025-06-02 is in the future/);
    expect(check(withCheck('11010119000101001')).ok).toBe(true);
  });

  it('compares "today" in China time, not UTC', () => {
    const now = new Date('2024-03-01T17:00:00Z'); // already 2024-03-02 01:00 in Beijing
    expect(check(withCheck('11010120240302001'), now).ok).toBe(true);
    expect(check(withCheck('11010120240303001'), now)).toMatchObject({ ok: false, part: 'birth_date' });
  });

  it('rejects a wrong check digit, naming expected and actual', () => {
    const r = check('110105194912310021');
    expect(r).toMatchObject({ ok: false, part: 'check_digit' });
    expect(!r.ok && r.message).toBe('resident ID check digit is wrong: expected X, got 1');
  });

  it('derives sex from the parity of the sequence', () => {
    expect(check(withCheck('11010519491231001'))).toMatchObject({ parts: { sex: 'male', sequence: '001' } });
  });
});
