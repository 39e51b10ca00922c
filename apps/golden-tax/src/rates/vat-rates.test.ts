import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateBandOn, rateFor, sameRate, supplyCategoryCodes, vatRateTable } from './vat-rates.ts';

describe('the dated VAT rate table', () => {
  it('is ordered by first day, with every category priced for both kinds in every band', () => {
    const days = vatRateTable.map((b) => b.since);
    expect(days).toEqual([...days].sort());
    for (const band of vatRateTable) {
      expect(Object.keys(band.general).sort()).toEqual([...supplyCategoryCodes].sort());
      expect(Object.keys(band.smallScale).sort()).toEqual([...supplyCategoryCodes].sort());
    }
  });

  it('gives 13 / 9 / 6 % since 2019-04-01 and 16 / 10 / 6 % from 2018-05-01', () => {
    expect(rateFor('general', 'goods', '2019-04-01')).toBe('0.13');
    expect(rateFor('general', 'goods', '2019-03-31')).toBe('0.16');
    expect(rateFor('general', 'goods', '2018-05-01')).toBe('0.16');
    expect(rateFor('general', 'transport', '2024-06-01')).toBe('0.09');
    expect(rateFor('general', 'transport', '2019-03-31')).toBe('0.10');
    expect(rateFor('general', 'specified-goods', '2024-06-01')).toBe('0.09');
    expect(rateFor('general', 'modern-services', '2024-06-01')).toBe('0.06');
    expect(rateFor('general', 'modern-services', '2018-06-01')).toBe('0.06');
    expect(rateFor('general', 'movable-leasing', '2024-06-01')).toBe('0.13');
    expect(rateFor('general', 'real-property', '2024-06-01')).toBe('0.09');
  });

  it('gives small-scale taxpayers their 3 % levy rate (5 % on real property), the reductions not modelled', () => {
    expect(rateFor('small-scale', 'goods', '2024-06-01')).toBe('0.03');
    expect(rateFor('small-scale', 'life-services', '2023-06-01')).toBe('0.03');
    expect(rateFor('small-scale', 'real-property', '2024-06-01')).toBe('0.05');
  });

  it('knows no rate before its first day', () => {
    expect(rateFor('general', 'goods', '2018-04-30')).toBeUndefined();
    expect(rateBandOn('2000-01-01')).toBeUndefined();
  });

  it('marks remembered figures so they can be checked', () => {
    expect(vatRateTable.every((b) => typeof b.remembered === 'boolean' && b.source.length > 0)).toBe(true);
  });

  it('applies the band in force on the day, for every day and category', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2018-05-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.constantFrom(...supplyCategoryCodes),
        (d, category) => {
          const day = d.toISOString().slice(0, 10);
          const band = day >= '2019-04-01' ? vatRateTable[1]! : vatRateTable[0]!;
          expect(rateFor('general', category, day)).toBe(band.general[category]);
        },
      ),
    );
  });
});

describe('sameRate', () => {
  it('compares decimal rates by value, not spelling', () => {
    expect(sameRate('0.13', '0.130')).toBe(true);
    expect(sameRate('0.09', '0.9')).toBe(false);
    expect(sameRate('0', '0.00')).toBe(true);
  });
});
