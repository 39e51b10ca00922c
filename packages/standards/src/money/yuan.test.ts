import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fen } from './fen.ts';
import { fenSchema, yuanStringSchema } from './schema.ts';
import { formatYuan, parseYuan, tryParseYuan } from './yuan.ts';

describe('parseYuan', () => {
  it.each([
    ['123.45', 12345],
    ['12', 1200],
    ['0.1', 10],
    ['+7.00', 700],
    ['-0.05', -5],
    ['0.005', 1],
    ['0.004999', 0],
    ['-0.005', -1],
    ['1.995', 200],
    ['-1.994', -199],
    ['-0.001', 0],
    ['1.005', 101], // 1.005 * 100 is 100.49999999999999 as a float; parsing the string stays exact
  ])('%s yuan -> %d fen (half away from zero)', (input, expected) => {
    expect(parseYuan(input)).toBe(expected);
  });

  it('rejects anything but a plain decimal', () => {
    for (const bad of ['', ' 1', '1,000', '1e3', '.5', '1.', '¥1', 'NaN', '1.2.3']) {
      expect(tryParseYuan(bad), bad).toMatchObject({ ok: false, part: 'format' });
    }
    expect(() => parseYuan('abc')).toThrow(RangeError);
  });

  it('rejects amounts beyond the safe-integer range', () => {
    expect(tryParseYuan('90071992547409.91')).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(tryParseYuan('90071992547409.92')).toMatchObject({ ok: false, part: 'range' });
  });

  it('rounds thousandths like an independent integer computation', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), (thousandths) => {
        const abs = Math.abs(thousandths);
        const text = `${thousandths < 0 ? '-' : ''}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
        const expected = Math.trunc((abs + 5) / 10) * (thousandths < 0 ? -1 : 1);
        expect(parseYuan(text)).toBe(expected === 0 ? 0 : expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('formatYuan', () => {
  it('writes two decimals without grouping', () => {
    expect(formatYuan(12345)).toBe('123.45');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(100_000_000)).toBe('1000000.00');
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });

  it('round-trips through parseYuan for every safe integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -100_000, max: 100_000 })), (n) => {
        expect(parseYuan(formatYuan(fen(n)))).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('schemas', () => {
  it('fenSchema accepts non-negative safe integers only', () => {
    expect(fenSchema.parse(12345)).toBe(12345);
    expect(fenSchema.parse(0)).toBe(0);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, '1'])
      expect(fenSchema.safeParse(bad).success, String(bad)).toBe(false);
  });

  it('yuanStringSchema parses user input with at most two decimals', () => {
    expect(yuanStringSchema.parse('123.4')).toBe(12340);
    expect(yuanStringSchema.parse('0.01')).toBe(1);
    for (const bad of ['1.005', '-1', '1,000.00', '', '99999999999999999']) {
      expect(yuanStringSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
