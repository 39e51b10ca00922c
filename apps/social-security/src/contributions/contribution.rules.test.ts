import fc from 'fast-check';
import { fen } from '@egov/standards';
import { describe, expect, it } from 'vitest';
import {
  baseBounds,
  checkDeclarationPeriod,
  contributionFor,
  CONTRIBUTION_RATES,
  MAX_MONTHLY_WAGE_FEN,
  ratesOn,
  wageFenInput,
} from './contribution.rules.ts';

const rates = { employer: '0.16', employee: '0.08' };
const annual = fc.integer({ min: 1_200_000, max: 100_000_000 }); // 12,000 to 1,000,000 yuan a year
const wage = fc.integer({ min: 0, max: MAX_MONTHLY_WAGE_FEN });

/** Half-up of num/den for non-negative integers, in bigint: a second formulation of the rounding. */
const halfUp = (num: bigint, den: bigint) => Number((2n * num + den) / (2n * den));

describe('contribution base and amounts', () => {
  it('works the 2023 default through by hand', () => {
    const bounds = baseBounds(12_069_800); // 120,698 yuan a year
    expect(bounds).toEqual({ monthlyAverageFen: 1_005_817, floorFen: 603_490, capFen: 3_017_450 });
    expect(contributionFor(800_000, bounds, rates)).toEqual({
      baseFen: 800_000,
      employerFen: 128_000,
      employeeFen: 64_000,
      personalAccountFen: 64_000,
    });
    expect(contributionFor(0, bounds, rates).baseFen).toBe(603_490);
    expect(contributionFor(5_000_000, bounds, rates).baseFen).toBe(3_017_450);
    // 603,490 × 8 % = 48,279.2 -> 48,279; × 16 % = 96,558.4 -> 96,558
    expect(contributionFor(0, bounds, rates)).toMatchObject({ employeeFen: 48_279, employerFen: 96_558 });
  });

  it('rounds to the nearest fen, a half up', () => {
    const open = { floorFen: fen(0), capFen: fen(MAX_MONTHLY_WAGE_FEN) };
    // 8 % of 603,495 = 48,279.6 -> 48,280; 16 % = 96,559.2 -> 96,559.
    expect(contributionFor(603_495, open, rates)).toMatchObject({ employeeFen: 48_280, employerFen: 96_559 });
    // 8 % and 16 % of whole fen never end in exactly half a fen (8b and 16b are never 50 mod 100),
    // so the half shows with a rate that can: 2 % of 25 fen = 0.5 -> 1, of 75 fen = 1.5 -> 2.
    const two = { employer: '0.02', employee: '0.02' };
    expect(contributionFor(25, open, two).employeeFen).toBe(1);
    expect(contributionFor(75, open, two).employeeFen).toBe(2);
  });

  it('keeps the base within [60 %, 300 %] of the monthly average, equal to the wage inside, monotone in the wage', () => {
    fc.assert(
      fc.property(annual, wage, wage, (a, w1, w2) => {
        const bounds = baseBounds(a);
        const c = contributionFor(w1, bounds, rates);
        expect(c.baseFen).toBeGreaterThanOrEqual(bounds.floorFen);
        expect(c.baseFen).toBeLessThanOrEqual(bounds.capFen);
        if (w1 >= bounds.floorFen && w1 <= bounds.capFen) expect(c.baseFen).toBe(w1);
        if (w1 <= w2) expect(c.baseFen).toBeLessThanOrEqual(contributionFor(w2, bounds, rates).baseFen);
      }),
    );
  });

  it('computes each amount as the base times its rate, half-up to the fen, and credits the whole employee part', () => {
    fc.assert(
      fc.property(annual, wage, (a, w) => {
        const c = contributionFor(w, baseBounds(a), rates);
        expect(c.employerFen).toBe(halfUp(BigInt(c.baseFen) * 16n, 100n));
        expect(c.employeeFen).toBe(halfUp(BigInt(c.baseFen) * 8n, 100n));
        expect(c.personalAccountFen).toBe(c.employeeFen);
        for (const v of Object.values(c)) expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });

  it('rounds the bounds once from the annual figure', () => {
    fc.assert(
      fc.property(annual, (a) => {
        const b = baseBounds(a);
        expect(b.monthlyAverageFen).toBe(halfUp(BigInt(a), 12n));
        expect(b.floorFen).toBe(halfUp(BigInt(a) * 6n, 120n));
        expect(b.capFen).toBe(halfUp(BigInt(a) * 3n, 12n));
      }),
    );
  });

  it('takes the dated rates in force on a day', () => {
    expect(ratesOn('2026-01-01')).toMatchObject({ ok: true, value: { employer: '0.16', employee: '0.08' } });
    expect(ratesOn('2019-04-30')).toMatchObject({ ok: false, part: 'no_rate' });
    const table = [
      ...CONTRIBUTION_RATES,
      { from: '2030-01-01', employer: '0.15', employee: '0.08', source: 'test' },
    ];
    expect(ratesOn('2029-12-31', table)).toMatchObject({ value: { employer: '0.16' } });
    expect(ratesOn('2030-01-01', table)).toMatchObject({ value: { employer: '0.15' } });
  });

  it('refuses a wage below zero, beyond the plausible bound, or not in whole fen, naming the rule', () => {
    const rule = (v: number) =>
      (wageFenInput.safeParse(v).error?.issues[0] as { params?: { rule?: string } } | undefined)?.params
        ?.rule;
    expect(rule(-1)).toBe('negative');
    expect(rule(MAX_MONTHLY_WAGE_FEN + 1)).toBe('implausible');
    expect(rule(1.5)).toBe('integer_fen');
    expect(wageFenInput.parse(0)).toBe(0);
    expect(wageFenInput.parse(MAX_MONTHLY_WAGE_FEN)).toBe(MAX_MONTHLY_WAGE_FEN);
  });

  it('takes a declaration month that has begun, never a future one', () => {
    expect(checkDeclarationPeriod('2026-12', '2026-12-03').ok).toBe(true);
    expect(checkDeclarationPeriod('2027-01', '2026-12-03')).toMatchObject({ ok: false, part: 'in_future' });
    expect(checkDeclarationPeriod('2026-13', '2026-12-03')).toMatchObject({ ok: false, part: 'format' });
    expect(checkDeclarationPeriod('2026-1', '2026-12-03')).toMatchObject({ ok: false, part: 'format' });
  });
});
