import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodEnded, periodLabel, periodStart } from './period.rules.ts';
import { convertUnit, normalizeDecimal, shiftDecimal } from './unit.rules.ts';

describe('periods', () => {
  it.each([
    ['2026-03', 'monthly', '2026-03-01'],
    ['2026-Q2', 'quarterly', '2026-04-01'],
    ['2026-Q4', 'quarterly', '2026-10-01'],
    ['2025', 'annual', '2025-01-01'],
  ] as const)('%s (%s) starts on %s and reads back', (period, frequency, start) => {
    expect(periodStart(period, frequency)).toEqual({ ok: true, value: start });
    expect(periodLabel(start, frequency)).toBe(period);
  });

  it.each([
    ['2026-Q1', 'monthly'],
    ['2026-13', 'monthly'],
    ['2026-03', 'quarterly'],
    ['2026-Q5', 'quarterly'],
    ['2026-01', 'annual'],
  ] as const)('refuses %s for a %s indicator', (period, frequency) => {
    expect(periodStart(period, frequency)).toMatchObject({ ok: false, part: 'frequency' });
  });

  it('knows when a period has ended', () => {
    expect(periodEnded('2026-03-01', 'monthly', '2026-03-31')).toBe(false);
    expect(periodEnded('2026-03-01', 'monthly', '2026-04-01')).toBe(true);
    expect(periodEnded('2026-10-01', 'quarterly', '2027-01-01')).toBe(true);
    expect(periodEnded('2026-01-01', 'annual', '2026-12-31')).toBe(false);
  });
});

describe('units and exact decimals', () => {
  it('moves the point, never through a float', () => {
    expect(convertUnit('123456', 'fen', '元')).toEqual({ ok: true, value: '1234.56' });
    expect(convertUnit('1', 'fen', '亿元')).toEqual({ ok: true, value: '0.0000000001' });
    expect(convertUnit('9007199254740993', 'fen', '元')).toEqual({ ok: true, value: '90071992547409.93' });
    expect(convertUnit('12.5', '亿元', '元')).toEqual({ ok: true, value: '1250000000' });
    expect(convertUnit('-100', 'fen', '元')).toEqual({ ok: true, value: '-1' });
    expect(convertUnit('17', '件', '件')).toEqual({ ok: true, value: '17' });
  });

  it.each([
    ['5', '件', '元', 'unit'],
    ['5', 'kg', '元', 'unit'],
    ['1e5', 'fen', '元', 'decimal'],
    ['1.2.3', 'fen', '元', 'decimal'],
    ['0x10', 'fen', '元', 'decimal'],
  ] as const)('refuses %s %s as %s (%s)', (value, from, to, part) => {
    expect(convertUnit(value, from, to)).toMatchObject({ ok: false, part });
  });

  it('shifts there and back to the same number', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 0, max: 10 }),
        (n, k) => {
          const v = n.toString();
          expect(shiftDecimal(shiftDecimal(v, -k), k)).toBe(normalizeDecimal(v));
        },
      ),
    );
  });
});
