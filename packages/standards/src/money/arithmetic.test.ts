import { describe, expect, it } from 'vitest';
import { divHalfUp, mulRateHalfUp } from './arithmetic.ts';
import { fen } from './fen.ts';
import { addRatio, divRatio, mulRatio, ratio, subRatio } from './ratio.ts';
import { roundHalfUp } from './rounding.ts';
import { formatYuan, parseYuan } from './yuan.ts';

describe('customs import taxes (worked example)', () => {
  it('CIF 100,000.00, duty 10%, consumption 10%, VAT 13%', () => {
    const cif = parseYuan('100000.00');
    const duty = mulRateHalfUp(cif, '0.10');
    // Consumption tax is levied on a tax-inclusive base: (CIF + duty) / (1 - t) × t.
    const t = ratio('0.10');
    const consumption = mulRateHalfUp(cif + duty, divRatio(t, subRatio(1, t)));
    const vat = mulRateHalfUp(cif + duty + consumption, '0.13');
    expect(formatYuan(duty)).toBe('10000.00');
    expect(formatYuan(consumption)).toBe('12222.22');
    expect(formatYuan(vat)).toBe('15888.89');
  });
});

describe('mulRateHalfUp', () => {
  it('rounds once, halves away from zero', () => {
    expect(mulRateHalfUp(fen(5), '0.1')).toBe(1); // 0.5 -> 1
    expect(mulRateHalfUp(fen(-5), '0.1')).toBe(-1);
    expect(mulRateHalfUp(fen(4), '0.1')).toBe(0);
    expect(mulRateHalfUp(fen(15), { num: 1, den: 2 })).toBe(8);
    expect(mulRateHalfUp(fen(1_000_000), '0.065')).toBe(65_000);
  });

  it('is exact where floating point is not', () => {
    // In binary floating point 50 × 0.29 is 14.499999999999998, which Math.round takes to 14.
    expect(Math.round(50 * 0.29)).toBe(14);
    expect(mulRateHalfUp(fen(50), '0.29')).toBe(15);
    expect(mulRateHalfUp(fen(Number.MAX_SAFE_INTEGER), '0.5')).toBe(4503599627370496);
  });

  it('refuses float rates and overflowing results', () => {
    expect(() => mulRateHalfUp(fen(100), 0.13)).toThrow(/decimal string/);
    expect(() => mulRateHalfUp(fen(Number.MAX_SAFE_INTEGER), 2)).toThrow(RangeError);
    expect(() => mulRateHalfUp(1.5, '0.1')).toThrow(RangeError);
  });
});

describe('divHalfUp', () => {
  it('divides by integers and rationals', () => {
    expect(divHalfUp(fen(100), 3)).toBe(33);
    expect(divHalfUp(fen(100), 8)).toBe(13);
    expect(divHalfUp(fen(-100), 8)).toBe(-13);
    expect(divHalfUp(fen(100), '0.9')).toBe(111);
    expect(divHalfUp(fen(100), { num: 2, den: 3 })).toBe(150);
    expect(() => divHalfUp(fen(100), 0)).toThrow(/zero/);
  });
});

describe('ratios and rounding', () => {
  it('keep exact reduced fractions', () => {
    expect(ratio('0.13')).toEqual({ num: 13n, den: 100n });
    expect(ratio('-0.50')).toEqual({ num: -1n, den: 2n });
    expect(ratio({ num: 2, den: -4 })).toEqual({ num: -1n, den: 2n });
    expect(addRatio('0.1', '0.2')).toEqual({ num: 3n, den: 10n });
    expect(mulRatio('0.1', '0.13')).toEqual({ num: 13n, den: 1000n });
    expect(divRatio('0.1', subRatio(1, '0.1'))).toEqual({ num: 1n, den: 9n });
    expect(() => ratio({ num: 1, den: 0 })).toThrow(RangeError);
    expect(() => ratio('1e-2')).toThrow(RangeError);
  });

  it('roundHalfUp is symmetric around zero', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(-5n, 2n)).toBe(-3n);
    expect(roundHalfUp(5n, -2n)).toBe(-3n);
    expect(roundHalfUp(7n, 3n)).toBe(2n);
    expect(roundHalfUp(-7n, 3n)).toBe(-2n);
  });
});
