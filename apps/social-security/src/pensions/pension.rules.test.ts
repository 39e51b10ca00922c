import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountDivisor,
  accountPensionFen,
  ageInMonth,
  averageIndexBp,
  awardPension,
  basicPensionFen,
  monthsAfterDeath,
} from './pension.rules.ts';

describe('pension rules (国发〔2005〕38号)', () => {
  it('reads the months divisor from the annexed table: 139 at 60, 170 at 55, 195 at 50; completed years for a raised age', () => {
    expect(accountDivisor({ years: 60, months: 0 })).toBe(139);
    expect(accountDivisor({ years: 55, months: 0 })).toBe(170);
    expect(accountDivisor({ years: 50, months: 0 })).toBe(195);
    expect(accountDivisor({ years: 60, months: 3 })).toBe(139);
    expect(accountDivisor({ years: 63, months: 0 })).toBe(117);
    expect(() => accountDivisor({ years: 39, months: 11 })).toThrow(RangeError);
  });

  it('computes the age in a month in years and months', () => {
    expect(ageInMonth('1965-01-10', '2025-02')).toEqual({ years: 60, months: 1 });
    expect(ageInMonth('1965-05-20', '2025-07')).toEqual({ years: 60, months: 2 });
  });

  it('works the basic pension of the worked example: W 10,342.50, index 1.0000, 15 years -> 1,551.38 yuan', () => {
    expect(
      basicPensionFen({
        previousYearAnnualAverageFen: 12_411_000,
        averageIndexBp: 10_000,
        contributionMonths: 180,
      }),
    ).toBe(155_138);
    // Index 0.6 over 35 years: 10,342.50 x 1.6 / 2 x 35 x 1 % = 2,895.90 yuan.
    expect(
      basicPensionFen({
        previousYearAnnualAverageFen: 12_411_000,
        averageIndexBp: 6_000,
        contributionMonths: 420,
      }),
    ).toBe(289_590);
  });

  it('averages the index over months of different years, to four decimals half-up', () => {
    const year1 = { annualAverageFen: 12_069_800 }; // 120,698 yuan: monthly 10,058.17
    const year2 = { annualAverageFen: 12_411_000 };
    expect(averageIndexBp([{ baseFen: 1_005_817, ...year1 }])).toBe(10_000);
    expect(
      averageIndexBp([
        { baseFen: 3 * 1_034_250, ...year2 },
        { baseFen: 1_034_250, ...year2 },
      ]),
    ).toBe(20_000);
    expect(
      averageIndexBp([
        { baseFen: 620_550, ...year2 },
        { baseFen: 3_102_750, ...year2 },
      ]),
    ).toBe(18_000);
    expect(averageIndexBp([])).toBe(0);
  });

  it('divides the personal account by the divisor, half-up', () => {
    expect(accountPensionFen(13_900_000, 139)).toBe(100_000);
    expect(accountPensionFen(70n, 139)).toBe(1); // 0.5036 -> 1
    expect(accountPensionFen(69n, 139)).toBe(0);
  });

  it('property: the basic pension grows with months and index and stays within a fen of the real formula', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 100_000_000 }),
        fc.integer({ min: 6_000, max: 30_000 }),
        fc.integer({ min: 1, max: 600 }),
        (annual, index, months) => {
          const got = basicPensionFen({
            previousYearAnnualAverageFen: annual,
            averageIndexBp: index,
            contributionMonths: months,
          });
          const real = (((annual / 12) * (1 + index / 10_000)) / 2) * (months / 12) * 0.01;
          expect(Math.abs(got - real)).toBeLessThanOrEqual(0.5 + 1e-6);
          expect(
            basicPensionFen({
              previousYearAnnualAverageFen: annual,
              averageIndexBp: index,
              contributionMonths: months + 1,
            }),
          ).toBeGreaterThanOrEqual(got);
        },
      ),
    );
  });

  it('awards both parts and their sum', () => {
    const months = Array.from({ length: 180 }, () => ({ baseFen: 1_034_250, annualAverageFen: 12_411_000 }));
    expect(
      awardPension({
        birth: '1965-01-10',
        firstMonth: '2025-02',
        months,
        previousYearAnnualAverageFen: 12_411_000,
        accountBalanceFen: 13_900_000n,
      }),
    ).toEqual({
      averageIndexBp: 10_000,
      divisor: 139,
      basicFen: 155_138,
      accountFen: 100_000,
      monthlyFen: 255_138,
    });
  });

  it('stops from the month after the death', () => {
    expect(monthsAfterDeath('2026-10-15', ['2026-09', '2026-10', '2026-11', '2026-12'])).toEqual([
      '2026-11',
      '2026-12',
    ]);
  });
});
