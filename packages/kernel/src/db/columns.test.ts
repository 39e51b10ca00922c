import { describe, expect, it } from 'vitest';
import { toFen, toSafeInteger } from './columns.ts';

describe('money and integer columns', () => {
  it('reads what the drivers return: strings, numbers and bigints', () => {
    expect(toFen('1250000')).toBe(1_250_000);
    expect(toFen(-5)).toBe(-5);
    expect(toSafeInteger(42n)).toBe(42);
  });

  it('refuses null, fractions, text and unsafe integers instead of guessing', () => {
    expect(() => toFen(null as unknown as string)).toThrow(/null/);
    expect(() => toFen(undefined as unknown as string)).toThrow(/null/);
    expect(() => toFen('12.5')).toThrow(/not an integer/);
    expect(() => toFen('abc')).toThrow(/not an integer/);
    expect(() => toSafeInteger('9007199254740993')).toThrow(/not a safe integer/);
  });
});
