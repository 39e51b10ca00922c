import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, dueOn, lateFee } from './contribution.rules.ts';

describe('arrears and late fees', () => {
  it('dues a month on the 15th of the next, across the year end', () => {
    expect(dueOn('2026-11')).toBe('2026-12-15');
    expect(dueOn('2026-12')).toBe('2027-01-15');
  });

  it('charges nothing on or before the due day, then 0.05 % a calendar day, half-up', () => {
    expect(lateFee(1_000_000, '2026-01-15', '2026-01-15')).toEqual({ daysLate: 0, feeFen: 0 });
    expect(lateFee(1_000_000, '2026-01-15', '2026-01-10')).toEqual({ daysLate: 0, feeFen: 0 });
    expect(lateFee(1_000_000, '2026-01-15', '2026-01-25')).toEqual({ daysLate: 10, feeFen: 5_000 });
    // 2024 is a leap year: 2024-02-15 -> 2024-03-15 is 29 days; 227,288 × 0.0005 × 29 = 3,295.676 -> 3,296.
    expect(lateFee(227_288, '2024-02-15', '2024-03-15')).toEqual({ daysLate: 29, feeFen: 3_296 });
    // 1 fen a day late: 0.0005 fen -> 0; 1,000 fen one day: 0.5 -> 1 (half-up).
    expect(lateFee(1_000, '2026-01-15', '2026-01-16').feeFen).toBe(1);
  });

  it('grows with the days late and never exceeds the exact fee by half a fen', () => {
    const day = fc.integer({ min: 0, max: 3650 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), day, day, (arrears, d1, d2) => {
        const paid = (d: number) => new Date(Date.UTC(2026, 0, 15 + d)).toISOString().slice(0, 10);
        const a = lateFee(arrears, '2026-01-15', paid(d1));
        expect(a.daysLate).toBe(d1);
        expect(daysBetween('2026-01-15', paid(d1))).toBe(d1);
        const exact2 = BigInt(arrears) * BigInt(d1) * 5n; // fee × 10,000
        expect(Math.abs(Number(BigInt(a.feeFen) * 10_000n - exact2))).toBeLessThanOrEqual(5_000);
        if (d1 <= d2) expect(a.feeFen).toBeLessThanOrEqual(lateFee(arrears, '2026-01-15', paid(d2)).feeFen);
      }),
    );
  });
});
