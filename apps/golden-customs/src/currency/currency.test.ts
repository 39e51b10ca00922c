import { ratio } from '@egov/standards';
import { describe, expect, it } from 'vitest';
import { formatMinor, toMinor } from '../shared/decimal.ts';
import { cnyPerUnit, customsRate, customsRateMonths } from './exchange.rules.ts';
import { listCurrencies, lookupCurrency } from './iso4217.ts';

describe('ISO 4217 list one', () => {
  it('holds the active codes with their minor units', () => {
    const all = listCurrencies();
    expect(all).toHaveLength(178);
    expect(all.filter((c) => c.kind === 'currency')).toHaveLength(155);
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    expect(all.every((c) => /^[A-Z]{3}$/.test(c.code) && /^\d{3}$/.test(c.numeric))).toBe(true);
    expect(['CNY', 'USD', 'JPY', 'KWD', 'CLF', 'XAU'].map((c) => lookupCurrency(c)?.minorUnits)).toEqual([
      2,
      2,
      0,
      3,
      4,
      null,
    ]);
    expect(lookupCurrency('CNY')).toMatchObject({ numeric: '156', name: 'Yuan Renminbi', kind: 'currency' });
  });

  it('knows withdrawn codes are gone and lowercase is not a code', () => {
    for (const gone of ['HRK', 'CUC', 'SLL', 'ZWL', 'ANG', 'BGN', 'DEM', 'usd']) {
      expect(lookupCurrency(gone), gone).toBeUndefined();
    }
    expect(lookupCurrency('XCG')?.kind).toBe('currency');
    expect(lookupCurrency('XDR')?.kind).toBe('unit');
  });
});

describe('customs monthly rates', () => {
  it('apply one rate to a whole month and none outside the table', () => {
    expect(customsRateMonths()).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
    expect(customsRate('USD', '2026-11-01')).toEqual({
      currency: 'USD',
      cny: '7.1094',
      per: 1,
      source: 'customs',
      month: '2026-11',
    });
    expect(customsRate('USD', '2026-11-30')?.cny).toBe('7.1094');
    expect(customsRate('JPY', '2026-12-15')).toMatchObject({ cny: '4.7736', per: 100 });
    expect(customsRate('USD', '2027-01-04')).toBeUndefined();
    expect(customsRate('THB', '2026-11-01')).toBeUndefined();
  });

  it('divides a per-100 quotation exactly', () => {
    expect(cnyPerUnit({ cny: '4.7918', per: 100 })).toEqual(ratio('0.047918'));
    expect(cnyPerUnit({ cny: '7.1094', per: 1 })).toEqual(ratio('7.1094'));
  });
});

describe('amounts in minor units', () => {
  it.each([
    ['12.5', 2, 1250n],
    ['12', 2, 1200n],
    ['96000000', 0, 96_000_000n],
    ['1.234', 3, 1234n],
  ])('%s with %d decimals is %d minor units', (text, minor, expected) => {
    expect(toMinor(text, minor)).toEqual({ ok: true, value: expected });
    expect(formatMinor(expected, minor)).toBe(minor === 0 ? text : Number(text).toFixed(minor));
  });

  it.each([
    ['100.5', 0, 'minor_unit'],
    ['1.001', 2, 'minor_unit'],
    ['-1', 2, 'negative'],
    ['abc', 2, 'decimal'],
    ['1e3', 2, 'decimal'],
    ['1,000', 2, 'decimal'],
  ])('refuses %s with %d decimals (%s)', (text, minor, rule) => {
    expect(toMinor(text, minor)).toMatchObject({ ok: false, rule });
  });
});
