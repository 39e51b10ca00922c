import { z } from 'zod';

/** A calendar month `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/**
 * The month's bounds in China time (UTC+8, no daylight saving): figures are counted by the day in China.
 *
 * @example
 * monthBounds('2026-11') // { from: 2026-10-31T16:00:00.000Z, to: 2026-11-30T16:00:00.000Z }
 */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - 8 * 3600_000),
    to: new Date(Date.UTC(y, m, 1) - 8 * 3600_000),
  };
}

/** The publication shape the statistics consumers read (the same in every publishing app). */
export const MonthlyPublication = z.object({
  resourceId: z.string(),
  period: z.string(),
  unit: z.string(),
  asOf: z.string(),
  rows: z.array(z.object({ measure: z.string(), region: z.string(), value: z.string() })),
});
