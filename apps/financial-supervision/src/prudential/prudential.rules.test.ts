import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertFor,
  checkFigures,
  compare,
  formatPercent,
  NATIONAL_DEFAULT_THRESHOLDS,
  percent,
  quarterEnd,
} from './prudential.rules.ts';

describe('prudential ratios', () => {
  it('formats exact ratios half-up to four decimals', () => {
    expect(formatPercent({ num: 1n, den: 3n })).toBe('33.3333');
    expect(formatPercent({ num: 2n, den: 3n })).toBe('66.6667');
    expect(formatPercent({ num: 105n, den: 1000n })).toBe('10.5000');
    expect(formatPercent({ num: 1n, den: 200000000n })).toBe('0.0000');
    expect(formatPercent({ num: 3n, den: 200000n })).toBe('0.0015');
  });

  it('compares exactly at the boundary: 10.5 % is no warning, a fen less is', () => {
    const rwa = 1_000_000_000_000n;
    const t = NATIONAL_DEFAULT_THRESHOLDS.capital_adequacy;
    expect(alertFor({ num: 105_000_000_000n, den: rwa }, t)).toBeNull();
    expect(alertFor({ num: 104_999_999_999n, den: rwa }, t)).toBe('warning');
    expect(alertFor({ num: 80_000_000_000n, den: rwa }, t)).toBe('warning');
    expect(alertFor({ num: 79_999_999_999n, den: rwa }, t)).toBe('breach');
  });

  it('reads percentages as exact fractions and refuses other forms', () => {
    expect(percent('7.5')).toEqual({ num: 75n, den: 1000n });
    expect(compare(percent('100'), { num: 1n, den: 1n })).toBe(0);
    for (const bad of ['1e2', '-5', '7.12345', '', '.5']) expect(() => percent(bad)).toThrow(RangeError);
  });

  it('orders like the real numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 18n }),
        (n, d) => {
          const f = { num: n, den: d };
          expect(compare(f, { num: n * 3n, den: d * 3n })).toBe(0);
          expect(compare(f, { num: n + 1n, den: d })).toBe(-1);
        },
      ),
    );
  });

  it('checks that capital nests and denominators are positive', () => {
    const ok = {
      coreTier1Capital: 5n,
      tier1Capital: 6n,
      totalCapital: 8n,
      riskWeightedAssets: 100n,
      highQualityLiquidAssets: 1n,
      netCashOutflows30d: 1n,
    };
    expect(checkFigures(ok)).toBeNull();
    expect(checkFigures({ ...ok, tier1Capital: 4n })?.rule).toBe('capital_nesting');
    expect(checkFigures({ ...ok, totalCapital: 5n })?.field).toBe('totalCapital');
    expect(checkFigures({ ...ok, riskWeightedAssets: 0n })?.rule).toBe('positive');
  });

  it('knows the last day of each quarter', () => {
    expect(quarterEnd('2025Q1')).toBe('2025-03-31');
    expect(quarterEnd('2025Q4')).toBe('2025-12-31');
    expect(() => quarterEnd('2025Q5')).toThrow(RangeError);
  });
});
