import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMOUNT_BOUNDS_FEN, boundedFenSchema, fenTotal } from './bounds.ts';
import { formatYuan } from './yuan.ts';

describe('amount bounds', () => {
  it('are real bounds, far below 2^53 fen', () => {
    for (const [kind, max] of Object.entries(AMOUNT_BOUNDS_FEN)) {
      expect(Number.isSafeInteger(max), kind).toBe(true);
      expect(max * 100, kind).toBeLessThan(Number.MAX_SAFE_INTEGER);
    }
  });

  it('refuse an amount above the bound, a fraction and a non-positive amount, naming the rule', () => {
    const schema = boundedFenSchema('treasuryItem');
    const rule = (v: unknown) =>
      (schema.safeParse(v).error?.issues[0] as { params?: { rule: string } })?.params?.rule;
    expect(schema.parse(AMOUNT_BOUNDS_FEN.treasuryItem)).toBe(AMOUNT_BOUNDS_FEN.treasuryItem);
    expect(rule(AMOUNT_BOUNDS_FEN.treasuryItem + 1)).toBe('max_amount');
    expect(rule(Number.MAX_SAFE_INTEGER)).toBe('max_amount');
    expect(rule(1e20)).toBe('max_amount');
    expect(rule(1.5)).toBe('integer_fen');
    expect(rule(0)).toBe('positive');
  });
});

describe('fen totals', () => {
  it('sum exactly past 2^53 and format exactly (property)', () => {
    const max = AMOUNT_BOUNDS_FEN.treasuryItem;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max }), { minLength: 1, maxLength: 2000 }), (amounts) => {
        const total = amounts.reduce((s, a) => s + fenTotal(a), 0n);
        const text = total.toString();
        expect(fenTotal(text)).toBe(total);
        const yuan = formatYuan(total);
        expect(yuan.replace('.', '').replace(/^0+(?=\d)/, '')).toBe(
          text.padStart(3, '0').replace(/^0+(?=\d)/, ''),
        );
      }),
    );
    const past = 2n ** 53n + 1n;
    expect(fenTotal(past.toString())).toBe(past);
    expect(formatYuan(past)).toBe('90071992547409.93');
  });

  it('refuses a total that already lost digits', () => {
    expect(() => fenTotal(2 ** 53 + 2)).toThrow(RangeError);
    expect(() => fenTotal('12.5')).toThrow(RangeError);
  });
});
