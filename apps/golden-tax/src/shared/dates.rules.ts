import { chinaDate, err, ok, type Result } from '@egov/standards';

/** Why a date or period was refused; these become the `rule` of a 400. */
export type DateRule = 'format' | 'calendar_date' | 'in_future';

/**
 * Checks an ISO `YYYY-MM-DD` business date (an invoice's issue date): a real
 * calendar day, not after today in China (the server may run in UTC).
 *
 * @example
 * checkBusinessDate('2024-02-29', new Date()) // { ok: true, value: '2024-02-29' }
 * checkBusinessDate('2023-02-30', new Date()) // { ok: false, part: 'calendar_date', ... }
 */
export function checkBusinessDate(value: string, now: Date): Result<string, DateRule> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return err('format', `date must be YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls impossible days over (Feb 30 -> Mar 2), so a round trip exposes them.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return err('calendar_date', `${value} is not a calendar date`);
  }
  const today = chinaDate(now);
  if (value > today) return err('in_future', `${value} is in the future (today is ${today} in China)`);
  return ok(value);
}
