import { describe, expect, it } from 'vitest';
import shipped from './tariff.json' with { type: 'json' };
import { loadTariff, lookupCommodity, tariff } from './tariff.ts';

describe('the shipped tariff subset', () => {
  it('loads dated, with unique 10-digit codes and the VAT rates in force', () => {
    expect(tariff.validFrom).toBe('2024-01-01');
    expect(tariff.lines.size).toBe(29);
    for (const line of tariff.lines.values()) {
      expect(line.code).toMatch(/^\d{10}$/);
      expect(['0.13', '0.09']).toContain(line.vat);
    }
  });

  it('carries consumption tax, CCC and (R) marks where they belong', () => {
    expect(lookupCommodity('2204210000')).toMatchObject({
      mfnDuty: '0.14',
      consumptionTax: '0.10',
      vat: '0.13',
    });
    expect(lookupCommodity('8703235100')).toMatchObject({
      consumptionTax: '0.09',
      ccc: true,
      fromMemory: true,
    });
    expect(lookupCommodity('8903320000')).toMatchObject({
      mfnDuty: '0.10',
      consumptionTax: '0.10',
      vat: '0.13',
    });
    expect(lookupCommodity('8471300000')).toMatchObject({ mfnDuty: '0', ccc: true, unit: 'unit' });
    expect(lookupCommodity('1201900000')).toMatchObject({ mfnDuty: '0.03', vat: '0.09', fromMemory: false });
    expect(lookupCommodity('0000000000')).toBeUndefined();
  });

  it('refuses bad data at load: a rate of 1 or more, a duplicated code', () => {
    const line = shipped.lines[0]!;
    expect(() => loadTariff({ ...shipped, lines: [{ ...line, vat: '1.3' }] })).toThrow(/rate/);
    expect(() => loadTariff({ ...shipped, lines: [line, line] })).toThrow(/twice/);
  });
});
