import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  minimumContributionMonths,
  pensionEligibility,
  type RetirementCategory,
  statutoryRetirement,
} from './retirement.ts';

const categories: RetirementCategory[] = ['male', 'female-cadre', 'female-worker'];
const birthMonth = fc
  .record({ year: fc.integer({ min: 1940, max: 2010 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('statutory retirement age (NPC Standing Committee decision of 2024-09-13, in force 2025-01-01)', () => {
  it('follows the rows of the table annexed to the decision', () => {
    // Men: born January to April 1965 retire at 60 years 1 month; from September 1976 at 63.
    expect(statutoryRetirement('1964-12', 'male')).toMatchObject({
      years: 60,
      months: 0,
      retirementMonth: '2024-12',
    });
    expect(statutoryRetirement('1965-01', 'male')).toMatchObject({
      years: 60,
      months: 1,
      retirementMonth: '2025-02',
    });
    expect(statutoryRetirement('1965-04', 'male')).toMatchObject({
      years: 60,
      months: 1,
      retirementMonth: '2025-05',
    });
    expect(statutoryRetirement('1965-05', 'male')).toMatchObject({
      years: 60,
      months: 2,
      retirementMonth: '2025-07',
    });
    expect(statutoryRetirement('1976-08', 'male')).toMatchObject({ years: 62, months: 11 });
    expect(statutoryRetirement('1976-09', 'male')).toMatchObject({
      years: 63,
      months: 0,
      retirementMonth: '2039-09',
    });
    // Women cadres: 55 years 1 month from January 1970, 58 from September 1981.
    expect(statutoryRetirement('1970-01', 'female-cadre')).toMatchObject({
      years: 55,
      months: 1,
      retirementMonth: '2025-02',
    });
    expect(statutoryRetirement('1981-09', 'female-cadre')).toMatchObject({ years: 58, months: 0 });
    // Women workers: 50 years 1 month from January 1975, one more month every two months, 55 from November 1984.
    expect(statutoryRetirement('1975-01', 'female-worker')).toMatchObject({
      years: 50,
      months: 1,
      retirementMonth: '2025-02',
    });
    expect(statutoryRetirement('1975-03', 'female-worker')).toMatchObject({ years: 50, months: 2 });
    expect(statutoryRetirement('1984-10', 'female-worker')).toMatchObject({ years: 54, months: 11 });
    expect(statutoryRetirement('1984-11', 'female-worker')).toMatchObject({ years: 55, months: 0 });
  });

  it('raises the minimum contribution period from 15 years by six months a year from 2030 to 20', () => {
    expect(minimumContributionMonths(2029)).toBe(180);
    expect(minimumContributionMonths(2030)).toBe(186);
    expect(minimumContributionMonths(2035)).toBe(216);
    expect(minimumContributionMonths(2039)).toBe(240);
    expect(minimumContributionMonths(2050)).toBe(240);
  });

  it('never retires someone born later at a younger age, nor earlier in the calendar', () => {
    fc.assert(
      fc.property(fc.constantFrom(...categories), birthMonth, birthMonth, (category, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const x = statutoryRetirement(early, category);
        const y = statutoryRetirement(late, category);
        return y.delayMonths >= x.delayMonths && y.retirementMonth >= x.retirementMonth;
      }),
    );
  });

  it('delays by at most 3 years (5 for women workers), in steps of one month', () => {
    fc.assert(
      fc.property(fc.constantFrom(...categories), birthMonth, (category, birth) => {
        const age = statutoryRetirement(birth, category);
        const max = category === 'female-worker' ? 60 : 36;
        const [y, m] = birth.split('-').map(Number) as [number, number];
        const next = statutoryRetirement(
          `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}`,
          category,
        );
        return age.delayMonths >= 0 && age.delayMonths <= max && next.delayMonths - age.delayMonths <= 1;
      }),
    );
  });

  it('grants a pension only when both the age and the contribution period are reached', () => {
    const birth = '1970-06';
    const { retirementMonth, minimumContributionMonths: needed } = statutoryRetirement(birth, 'male');
    expect(
      pensionEligibility({ birth, category: 'male', contributionMonths: needed, month: retirementMonth }),
    ).toEqual({
      eligible: true,
      retirementMonth,
    });
    expect(
      pensionEligibility({ birth, category: 'male', contributionMonths: needed, month: '2030-01' }),
    ).toMatchObject({ eligible: false, rule: 'before_statutory_age' });
    expect(
      pensionEligibility({ birth, category: 'male', contributionMonths: needed - 1, month: retirementMonth }),
    ).toMatchObject({ eligible: false, rule: 'contribution_too_short' });
    expect(() => statutoryRetirement('1970-13', 'male')).toThrow(/YYYY-MM/);
  });
});
