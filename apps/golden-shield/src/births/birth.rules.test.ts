import { issueResidentId, listDivisions, validateResidentId } from '@egov/standards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capacity, firstSequence, MAX_SEQUENCE, nthSequence, sexOfSequence } from './birth.rules.ts';

const counties = listDivisions({ level: 'county', includeHistorical: false }).map((d) => d.code);
const sex = fc.constantFrom('male' as const, 'female' as const);
const isoDay = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('sequence codes', () => {
  it('start at 001 for men and 002 for women, never 000', () => {
    expect([firstSequence('male'), firstSequence('female')]).toEqual([1, 2]);
    expect([capacity('male'), capacity('female')]).toEqual([500, 499]);
    expect(nthSequence('male', 499)).toBe(MAX_SEQUENCE);
    expect(nthSequence('male', 500)).toBeUndefined();
    expect(nthSequence('female', 498)).toBe(998);
    expect(nthSequence('female', 499)).toBeUndefined();
  });

  it('keep the parity of the sex for every code a day can hold', () => {
    fc.assert(
      fc.property(sex, fc.nat(1000), (s, n) => {
        const sequence = nthSequence(s, n);
        if (n >= capacity(s)) expect(sequence).toBeUndefined();
        else expect(sexOfSequence(sequence!)).toBe(s);
      }),
    );
  });

  it('give IDs that validate and decode back to the birth date, division and sex', () => {
    fc.assert(
      fc.property(fc.constantFrom(...counties), isoDay, sex, fc.nat(498), (division, birthDate, s, n) => {
        const id = issueResidentId({ division, birthDate, sequence: nthSequence(s, n)! });
        const checked = validateResidentId(id);
        expect(checked.ok && checked.parts).toMatchObject({ division, birthDate, sex: s });
      }),
      { numRuns: 500 },
    );
  });
});
