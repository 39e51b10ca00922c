import { err, ok, type Result } from '@egov/standards';

/** An employment period: `YYYY-MM-DD` days, `endOn` inclusive, null while it lasts. */
export interface Period {
  startOn: string;
  endOn: string | null;
}

/**
 * A period ends on or after the day it starts.
 *
 * @example
 * checkPeriod({ startOn: '2026-03-01', endOn: '2026-02-28' }) // { ok: false, part: 'end_before_start', ... }
 */
export function checkPeriod(period: Period): Result<Period, 'end_before_start'> {
  if (period.endOn !== null && period.endOn < period.startOn)
    return err(
      'end_before_start',
      `an employment cannot end (${period.endOn}) before it starts (${period.startOn})`,
    );
  return ok(period);
}

/**
 * Whether two periods share a day (both ends inclusive, an open end runs on for ever).
 *
 * @example
 * overlaps({ startOn: '2026-01-01', endOn: '2026-01-31' }, { startOn: '2026-01-31', endOn: null }) // true
 */
export function overlaps(a: Period, b: Period): boolean {
  return (a.endOn === null || b.startOn <= a.endOn) && (b.endOn === null || a.startOn <= b.endOn);
}

/**
 * Whether a period covers some day of month `YYYY-MM` (who an employer declares for that month).
 *
 * @example
 * coversMonth({ startOn: '2026-01-20', endOn: null }, '2026-01') // true
 */
export function coversMonth(period: Period, month: string): boolean {
  return overlaps(period, { startOn: `${month}-01`, endOn: `${month}-31` });
}
