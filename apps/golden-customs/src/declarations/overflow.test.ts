import { AMOUNT_BOUNDS_FEN } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootGoldenCustoms,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  workedExampleLine,
} from '../test.fixture.ts';
import type { DeclarationViewData } from './declaration.view.ts';

const MAX_LINE_FEN = AMOUNT_BOUNDS_FEN.customsLineValue;

/** Issue 12 item 5: a customs value of 10^20 yuan, or lines summing past 2^53 fen, answered 500. */
describe.each(databaseTargets())('declaration amounts and quantities out of bounds on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let declarant: string;
  const submit = (lines: unknown[], extra: Record<string, unknown> = {}) =>
    cs.call('declarations.submit', { importerCreditCode: freshCreditCode(), lines, ...extra }, declarant);
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    declarant = await cs.token(perm.submit, perm.read);
  });
  afterAll(() => cs.close());

  it.each([
    ['a value of 10^20 yuan', { value: '100000000000000000000' }, 'lines.0.value', 'max_amount'],
    ['a value one fen above the bound', { value: `${MAX_LINE_FEN / 100}.01` }, 'lines.0.value', 'max_amount'],
    [
      'valueMinor at 2^53 − 1',
      { value: undefined, valueMinor: Number.MAX_SAFE_INTEGER },
      'lines.0.value',
      'max_amount',
    ],
    ['a value of a million digits', { value: '9'.repeat(1_000_000 / 2) }, 'lines.0.value', 'max_amount'],
    ['a quantity of 10^40', { quantity: '1'.padEnd(41, '0') }, 'lines.0.quantity', 'max_quantity'],
    ['a quantity of 10^40 as a number', { quantity: 1e40 }, 'lines.0.quantity', 'max_quantity'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_, change, field, rule) => {
    const before = await cs.counts();
    const r = await submit([{ ...workedExampleLine, ...change }]);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: field, rule });
    expect(await cs.counts()).toEqual(before);
  });

  it('refuses a line whose converted customs value passes the bound (a huge stated rate)', async () => {
    const r = await submit(
      [{ ...workedExampleLine, currency: 'USD', value: '1000000000.00' }, workedExampleLine],
      { exchangeRates: [{ currency: 'USD', cny: '1000000' }] },
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'lines.0.value', rule: 'max_amount' });
  });

  it('refuses lines that would sum past 2^53 fen line by line, at the first line over its bound', async () => {
    const line = { ...workedExampleLine, value: '60000000000000.00' }; // 6 × 10^15 fen each: two pass 2^53.
    const r = await submit([line, line]);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'lines.0.value', rule: 'max_amount' });
  });

  it('assesses 50 lines at the bound exactly: every total is the exact sum of its lines (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: MAX_LINE_FEN }), { minLength: 1, maxLength: 50 }),
        async (values) => {
          const lines = values.map((fen) => ({
            ...workedExampleLine,
            value: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`,
          }));
          const r = await submit(lines);
          expect(r.status, JSON.stringify(r.error)).toBe(200);
          const d = r.data as DeclarationViewData;
          const sum = (pick: (l: DeclarationViewData['lines'][number]) => number) =>
            d.lines.reduce((s, l) => s + BigInt(pick(l)), 0n);
          expect(BigInt(d.totals.customsValueFen)).toBe(sum((l) => l.customsValueFen));
          expect(BigInt(d.totals.totalFen)).toBe(
            sum((l) => l.dutyFen) + sum((l) => l.consumptionTaxFen) + sum((l) => l.vatFen),
          );
          expect(Number.isSafeInteger(d.totals.totalFen)).toBe(true);
        },
      ),
      { numRuns: 5, examples: [[Array(50).fill(MAX_LINE_FEN)]] },
    );
  });
});
