import { fen, formatYuan, parseYuan, ratio } from '@egov/standards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessLine, cifPrice, customsValueFen, totals } from './valuation.rules.ts';

/** Half-up rounding of num/den for non-negative integers, written independently of the standards. */
const halfUp = (num: bigint, den: bigint) => (num * 2n + den) / (den * 2n);

describe('assessLine', () => {
  it('gives the DOMAIN.md worked example: CIF 100,000, duty 10%, consumption 10%, VAT 13%', () => {
    const taxes = assessLine(parseYuan('100000.00'), { duty: '0.10', consumption: '0.10', vat: '0.13' });
    expect([taxes.dutyFen, taxes.consumptionTaxFen, taxes.vatFen].map(formatYuan)).toEqual([
      '10000.00',
      '12222.22',
      '15888.89',
    ]);
  });

  it('levies no consumption tax at rate 0 and refuses a rate of 1 or more', () => {
    expect(assessLine(fen(1_000_000), { duty: '0', consumption: '0', vat: '0.09' })).toEqual({
      dutyFen: 0,
      consumptionTaxFen: 0,
      vatFen: 90_000,
    });
    expect(() => assessLine(fen(100), { duty: '0', consumption: '1', vat: '0.13' })).toThrow(RangeError);
  });

  it('rounds each tax half-up once, on the assessed amounts before it', () => {
    // 0.5 fen of duty rounds up; the consumption base uses that rounded duty.
    expect(assessLine(fen(5), { duty: '0.10', consumption: '0', vat: '0' }).dutyFen).toBe(1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 65 }),
        fc.integer({ min: 0, max: 45 }),
        fc.constantFrom(9, 13),
        (cv, d, t, v) => {
          const rates = {
            duty: (d / 100).toFixed(2),
            consumption: (t / 100).toFixed(2),
            vat: (v / 100).toFixed(2),
          };
          const got = assessLine(fen(cv), rates);
          const duty = halfUp(BigInt(cv) * BigInt(d), 100n);
          const base = BigInt(cv) + duty;
          const consumption = halfUp(base * BigInt(t), BigInt(100 - t));
          const vat = halfUp((base + consumption) * BigInt(v), 100n);
          expect([got.dutyFen, got.consumptionTaxFen, got.vatFen]).toEqual(
            [duty, consumption, vat].map(Number),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cifPrice and customsValueFen', () => {
  it('adds freight and insurance to an FOB price', () => {
    const { cif, insuranceDerived } = cifPrice({
      incoterm: 'FOB',
      value: ratio('10000.00'),
      freight: ratio('500.00'),
      insurance: ratio('40.00'),
    });
    expect([cif, insuranceDerived]).toEqual([ratio('10540'), false]);
  });

  it('derives insurance at 3‰ of price plus freight when none is stated', () => {
    expect(
      cifPrice({ incoterm: 'FOB', value: ratio('10000'), freight: ratio('500'), insurance: null }),
    ).toEqual({
      cif: ratio('10531.5'),
      insuranceDerived: true,
    });
    expect(cifPrice({ incoterm: 'CFR', value: ratio('2000'), freight: null, insurance: null }).cif).toEqual(
      ratio('2006'),
    );
    expect(
      cifPrice({ incoterm: 'CFR', value: ratio('2000'), freight: null, insurance: ratio('1') }).cif,
    ).toEqual(ratio('2001'));
    expect(cifPrice({ incoterm: 'CIF', value: ratio('2000'), freight: null, insurance: null })).toEqual({
      cif: ratio('2000'),
      insuranceDerived: false,
    });
  });

  it('converts exactly and rounds half-up to the fen once', () => {
    expect(customsValueFen(ratio('10000.00'), ratio('7.1094'))).toBe(7_109_400);
    // 0.01 USD × 7.1094 = 0.071094 yuan = 7.1094 fen -> 7; 0.07 × 7.1094 = 0.497658 yuan -> 50 fen.
    expect(customsValueFen(ratio('0.01'), ratio('7.1094'))).toBe(7);
    expect(customsValueFen(ratio('0.07'), ratio('7.1094'))).toBe(50);
    // 1 JPY at 4.7918 per 100: 4.7918 fen -> 5.
    expect(customsValueFen(ratio('1'), ratio('0.047918'))).toBe(5);
    // Floating point gets 1.005 × 100 wrong; the exact product is 100.5 fen -> 101.
    expect(customsValueFen(ratio('1.005'), ratio('1'))).toBe(101);
  });
});

describe('totals', () => {
  it('sums each tax over the lines and totals what is payable', () => {
    const lines = [
      { customsValueFen: fen(100), dutyFen: fen(10), consumptionTaxFen: fen(0), vatFen: fen(14) },
      { customsValueFen: fen(200), dutyFen: fen(0), consumptionTaxFen: fen(30), vatFen: fen(30) },
    ];
    expect(totals(lines)).toEqual({
      customsValueFen: 300,
      dutyFen: 10,
      consumptionTaxFen: 30,
      vatFen: 44,
      totalFen: 84,
    });
  });
});
