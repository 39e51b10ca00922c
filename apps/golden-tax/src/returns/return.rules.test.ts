import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeVatReturn } from './return.rules.ts';

describe('computeVatReturn', () => {
  it('pays output minus input minus credit brought forward', () => {
    expect(
      computeVatReturn({
        kind: 'general',
        outputTaxFen: 3_900_000,
        inputTaxFen: 876_900,
        creditBroughtForwardFen: 0,
      }),
    ).toEqual({
      outputTaxFen: 3_900_000,
      inputTaxFen: 876_900,
      creditBroughtForwardFen: 0,
      payableFen: 3_023_100,
      creditCarriedForwardFen: 0,
    });
    expect(
      computeVatReturn({
        kind: 'general',
        outputTaxFen: 1_300,
        inputTaxFen: 900,
        creditBroughtForwardFen: 100,
      }),
    ).toMatchObject({ payableFen: 300, creditCarriedForwardFen: 0 });
  });

  it('carries excess input forward as credit instead of a negative payable', () => {
    expect(
      computeVatReturn({
        kind: 'general',
        outputTaxFen: 396_900,
        inputTaxFen: 3_900_000,
        creditBroughtForwardFen: 0,
      }),
    ).toMatchObject({ payableFen: 0, creditCarriedForwardFen: 3_503_100 });
    expect(
      computeVatReturn({
        kind: 'general',
        outputTaxFen: 1_000,
        inputTaxFen: 0,
        creditBroughtForwardFen: 1_000,
      }),
    ).toMatchObject({ payableFen: 0, creditCarriedForwardFen: 0 });
  });

  it('lets small-scale taxpayers deduct nothing and carry nothing', () => {
    expect(
      computeVatReturn({
        kind: 'small-scale',
        outputTaxFen: 13_680,
        inputTaxFen: 5_000,
        creditBroughtForwardFen: 99,
      }),
    ).toEqual({
      outputTaxFen: 13_680,
      inputTaxFen: 0,
      creditBroughtForwardFen: 0,
      payableFen: 13_680,
      creditCarriedForwardFen: 0,
    });
  });

  it('refuses negative figures (a bug upstream)', () => {
    expect(() =>
      computeVatReturn({ kind: 'general', outputTaxFen: -1, inputTaxFen: 0, creditBroughtForwardFen: 0 }),
    ).toThrow(RangeError);
  });

  it('always balances: payable − carried = output − input − brought forward, neither negative, one zero', () => {
    const amount = fc.integer({ min: 0, max: 2 ** 50 });
    fc.assert(
      fc.property(
        fc.constantFrom('general' as const, 'small-scale' as const),
        amount,
        amount,
        amount,
        (kind, o, i, b) => {
          const r = computeVatReturn({ kind, outputTaxFen: o, inputTaxFen: i, creditBroughtForwardFen: b });
          expect(r.payableFen - r.creditCarriedForwardFen).toBe(
            r.outputTaxFen - r.inputTaxFen - r.creditBroughtForwardFen,
          );
          expect(r.payableFen).toBeGreaterThanOrEqual(0);
          expect(r.creditCarriedForwardFen).toBeGreaterThanOrEqual(0);
          expect(r.payableFen === 0 || r.creditCarriedForwardFen === 0).toBe(true);
          expect(r.outputTaxFen).toBe(o);
          if (kind === 'general') expect([r.inputTaxFen, r.creditBroughtForwardFen]).toEqual([i, b]);
          else expect(r.payableFen).toBe(o);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
