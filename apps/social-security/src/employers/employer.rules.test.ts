import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPeriod, coversMonth, overlaps, type Period } from './employer.rules.ts';

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const period = fc
  .tuple(day, fc.option(day, { nil: null }))
  .map(
    ([a, b]): Period =>
      b === null ? { startOn: a, endOn: null } : a <= b ? { startOn: a, endOn: b } : { startOn: b, endOn: a },
  );

/** Does some day belong to both? The later start is on or before the earlier end (a second formulation). */
function shareADay(a: Period, b: Period): boolean {
  const start = [a.startOn, b.startOn].sort()[1]!;
  const ends = [a.endOn, b.endOn].filter((e): e is string => e !== null).sort();
  return ends.length === 0 || start <= ends[0]!;
}

describe('employment periods', () => {
  it('refuses an end before the start, accepts a one-day and an open period', () => {
    expect(checkPeriod({ startOn: '2026-03-01', endOn: '2026-02-28' })).toMatchObject({
      ok: false,
      part: 'end_before_start',
    });
    expect(checkPeriod({ startOn: '2026-03-01', endOn: '2026-03-01' }).ok).toBe(true);
    expect(checkPeriod({ startOn: '2026-03-01', endOn: null }).ok).toBe(true);
  });

  it('says two periods overlap exactly when they share a day, symmetrically', () => {
    fc.assert(
      fc.property(period, period, (a, b) => {
        expect(overlaps(a, b)).toBe(shareADay(a, b));
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(overlaps(a, a)).toBe(true);
      }),
    );
  });

  it('touching periods overlap on the shared day; the next day does not', () => {
    expect(
      overlaps({ startOn: '2026-01-01', endOn: '2026-01-31' }, { startOn: '2026-01-31', endOn: null }),
    ).toBe(true);
    expect(
      overlaps({ startOn: '2026-01-01', endOn: '2026-01-31' }, { startOn: '2026-02-01', endOn: null }),
    ).toBe(false);
  });

  it('covers a month when employed on any day of it', () => {
    expect(coversMonth({ startOn: '2026-02-28', endOn: null }, '2026-02')).toBe(true);
    expect(coversMonth({ startOn: '2025-06-01', endOn: '2026-01-01' }, '2026-01')).toBe(true);
    expect(coversMonth({ startOn: '2026-03-01', endOn: null }, '2026-02')).toBe(false);
    expect(coversMonth({ startOn: '2025-01-01', endOn: '2025-12-31' }, '2026-01')).toBe(false);
  });
});
