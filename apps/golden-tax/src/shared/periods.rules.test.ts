import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPeriod,
  firstOpenPeriod,
  nextPeriod,
  paymentDueOn,
  periodBounds,
  periodEnded,
  periodOf,
} from './periods.rules.ts';

describe('tax periods', () => {
  it.each([
    ['2024-05', true],
    ['2024-12', true],
    ['2024-13', false],
    ['2024-00', false],
    ['2024-5', false],
    ['1999-12', false],
  ])('checkPeriod(%s) ok %s', (value, ok) => {
    expect(checkPeriod(value).ok).toBe(ok);
  });

  it('steps months across years and bounds them', () => {
    expect(nextPeriod('2024-12')).toBe('2025-01');
    expect(nextPeriod('2024-09')).toBe('2024-10');
    expect(periodBounds('2024-02')).toEqual({ first: '2024-02-01', next: '2024-03-01' });
    expect(periodOf('2024-05-31')).toBe('2024-05');
    expect(paymentDueOn('2024-12')).toBe('2025-01-15');
  });

  it('counts a month as over from the first day of the next in China', () => {
    expect(periodEnded('2024-05', new Date('2024-05-31T16:00:00Z'))).toBe(true); // 06-01 00:00 in China
    expect(periodEnded('2024-05', new Date('2024-05-31T15:59:59Z'))).toBe(false);
  });

  it('moves a late input to the first month not yet filed', () => {
    expect(firstOpenPeriod('2024-05', [])).toBe('2024-05');
    expect(firstOpenPeriod('2024-05', ['2024-05', '2024-06'])).toBe('2024-07');
    expect(firstOpenPeriod('2024-11', ['2024-11', '2024-12'])).toBe('2025-01');
    expect(firstOpenPeriod('2024-05', ['2024-04', '2024-06'])).toBe('2024-05');
  });

  it('has nextPeriod strictly increasing and bounds adjacent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2098 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const p = `${y}-${String(m).padStart(2, '0')}`;
        expect(nextPeriod(p) > p).toBe(true);
        expect(checkPeriod(nextPeriod(p)).ok).toBe(true);
        expect(periodBounds(p).next).toBe(periodBounds(nextPeriod(p)).first);
      }),
    );
  });
});
