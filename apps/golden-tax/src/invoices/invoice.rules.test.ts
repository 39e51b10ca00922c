import { ratio } from '@egov/standards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rateFor, supplyCategoryCodes } from '../rates/vat-rates.ts';
import {
  composeInvoiceNumber,
  invoiceNumberParts,
  MAX_INVOICE_FEN,
  MAX_SERIAL,
  normaliseQuantity,
  priceInvoice,
  yearCode,
} from './invoice.rules.ts';

const goods = {
  description: '钢材',
  category: 'goods' as const,
  quantity: '1',
  unitPriceFen: 100_000,
  rate: '0.13',
};

describe('invoice numbers', () => {
  it('are year (2) + bureau (2) + channel (1) + serial (15)', () => {
    expect(composeInvoiceNumber({ year: '24', bureau: '35', channel: '1', serial: 42 })).toBe(
      '24351000000000000042',
    );
    expect(composeInvoiceNumber({ year: '25', bureau: '11', channel: '1', serial: MAX_SERIAL })).toBe(
      '25111999999999999999',
    );
    expect(yearCode('2024-05-01')).toBe('24');
  });

  it('refuse impossible parts loudly', () => {
    expect(() => composeInvoiceNumber({ year: '24', bureau: '35', channel: '1', serial: 0 })).toThrow(
      RangeError,
    );
    expect(() =>
      composeInvoiceNumber({ year: '24', bureau: '35', channel: '1', serial: MAX_SERIAL + 1 }),
    ).toThrow(RangeError);
    expect(() => composeInvoiceNumber({ year: '2024', bureau: '35', channel: '1', serial: 1 })).toThrow(
      RangeError,
    );
  });

  it('split back into the parts they were made of', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 11, max: 82 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: MAX_SERIAL }),
        (y, b, c, serial) => {
          const parts = { year: String(y).padStart(2, '0'), bureau: String(b), channel: String(c), serial };
          const number = composeInvoiceNumber(parts);
          expect(number).toMatch(/^\d{20}$/);
          expect(invoiceNumberParts(number)).toEqual(parts);
        },
      ),
    );
    expect(invoiceNumberParts('2435100000000000004')).toBeUndefined();
  });
});

describe('priceInvoice', () => {
  it('computes amount, tax per line half-up to the fen, and totals', () => {
    const priced = priceInvoice(
      [
        {
          ...goods,
          description: '进口大豆',
          category: 'specified-goods',
          quantity: '10.5',
          unitPriceFen: 420_000,
          rate: '0.09',
        },
        { ...goods, quantity: '40', unitPriceFen: 12_500 },
        { ...goods, category: 'modern-services', unitPriceFen: 25, rate: '0.06' }, // 0.25 × 6 % = 0.015 -> 0.02
      ],
      'general',
      '2025-03-20',
    );
    expect(priced.ok).toBe(true);
    if (!priced.ok) return;
    expect(priced.value.lines.map((l) => [l.lineNo, l.amountFen, l.taxFen])).toEqual([
      [1, 4_410_000, 396_900],
      [2, 500_000, 65_000],
      [3, 25, 2],
    ]);
    expect(priced.value).toMatchObject({ amountFen: 4_910_025, taxFen: 461_902, totalFen: 5_371_927 });
  });

  it('rounds the line amount half-up too', () => {
    const priced = priceInvoice(
      [{ ...goods, quantity: '0.5', unitPriceFen: 1, rate: '0.13' }],
      'general',
      '2025-01-01',
    );
    expect(priced.ok && priced.value.lines[0]).toMatchObject({ amountFen: 1, taxFen: 0 });
  });

  it('refuses the first line whose rate is not the table rate, naming it and the right rate', () => {
    const priced = priceInvoice([goods, { ...goods, rate: '0.09' }], 'general', '2025-01-01');
    expect(priced).toEqual({
      ok: false,
      problem: {
        field: 'lines.1.rate',
        rule: 'wrong_rate',
        message: expect.stringContaining('the rate is 0.13'),
      },
    });
    expect(priceInvoice([{ ...goods, rate: '0.13' }], 'small-scale', '2025-01-01')).toMatchObject({
      ok: false,
      problem: { field: 'lines.0.rate', rule: 'wrong_rate' },
    });
    expect(priceInvoice([{ ...goods, rate: '0.16' }], 'general', '2019-03-31').ok).toBe(true);
    expect(priceInvoice([{ ...goods, rate: '0.130' }], 'general', '2019-04-01').ok).toBe(true);
  });

  it('refuses a date before the table, an amount of nothing and an amount too large', () => {
    expect(priceInvoice([goods], 'general', '2018-04-30')).toMatchObject({
      ok: false,
      problem: { field: 'issuedOn', rule: 'no_rate' },
    });
    expect(
      priceInvoice([{ ...goods, quantity: '0.4', unitPriceFen: 1 }], 'general', '2025-01-01'),
    ).toMatchObject({
      ok: false,
      problem: { field: 'lines.0.quantity', rule: 'zero_amount' },
    });
    expect(
      priceInvoice([{ ...goods, quantity: '999999999', unitPriceFen: 2 ** 40 }], 'general', '2025-01-01'),
    ).toMatchObject({ ok: false, problem: { field: 'lines.0.quantity', rule: 'too_large' } });
    const half = Math.floor(MAX_INVOICE_FEN / 2);
    expect(
      priceInvoice(
        [
          { ...goods, unitPriceFen: half },
          { ...goods, unitPriceFen: half },
        ],
        'general',
        '2025-01-01',
      ),
    ).toMatchObject({ ok: false, problem: { field: 'lines.1.quantity', rule: 'too_large' } });
  });

  it('makes every total the sum of its lines, and every tax the table rate of the amount', () => {
    const lineArb = fc.record({
      description: fc.constant('x'),
      category: fc.constantFrom(...supplyCategoryCodes),
      quantity: fc.integer({ min: 1, max: 1000 }).map(String),
      unitPriceFen: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (lines) => {
        const withRates = lines.map((l) => ({ ...l, rate: rateFor('general', l.category, '2025-01-01')! }));
        const priced = priceInvoice(withRates, 'general', '2025-01-01');
        expect(priced.ok).toBe(true);
        if (!priced.ok) return;
        const { lines: out, amountFen, taxFen, totalFen } = priced.value;
        expect(amountFen).toBe(out.reduce((s, l) => s + l.amountFen, 0));
        expect(taxFen).toBe(out.reduce((s, l) => s + l.taxFen, 0));
        expect(totalFen).toBe(amountFen + taxFen);
        for (const l of out) {
          expect(l.amountFen).toBe(l.unitPriceFen * Number(l.quantity));
          // Half-up to the fen: |tax − amount × rate| ≤ ½ fen, checked exactly in bigint.
          const r = ratio(l.rate);
          const diff = BigInt(l.taxFen) * r.den - BigInt(l.amountFen) * r.num;
          expect((diff < 0n ? -diff : diff) * 2n <= r.den).toBe(true);
        }
      }),
    );
  });
});

describe('normaliseQuantity', () => {
  it.each([
    ['2', '2'],
    ['002.500', '2.5'],
    ['0.5', '0.5'],
    ['10.000000', '10'],
    ['0', undefined],
    ['0.000', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['1.1234567', undefined],
    ['1234567890', undefined],
  ])('%s -> %s', (value, expected) => {
    expect(normaliseQuantity(value)).toBe(expected);
  });
});
