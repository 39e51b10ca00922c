import { chinaDate, err, ok, type Result } from '@egov/standards';

/** Why a date was refused; these become the `rule` of a 400. */
export type DateRule = 'format' | 'calendar_date' | 'in_future' | 'before_1900';

/** Resident IDs cannot encode births before 1900, so no population record can start earlier. */
const EARLIEST = '1900-01-01';

/**
 * Checks an ISO `YYYY-MM-DD` date of a life event: it must exist in the
 * calendar, be no earlier than 1900 and not be after today in China (events
 * are recorded in local dates, and the server may run in UTC).
 *
 * @example
 * checkEventDate('2024-02-29', new Date()) // { ok: true, value: '2024-02-29' }
 * checkEventDate('2023-02-30', new Date()) // { ok: false, part: 'calendar_date', ... }
 */
export function checkEventDate(value: string, now: Date): Result<string, DateRule> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return err('format', `date must be YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls impossible days over (Feb 30 -> Mar 2), so a round trip exposes them.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return err('calendar_date', `${value} is not a calendar date`);
  }
  if (value < EARLIEST) return err('before_1900', `${value} is before ${EARLIEST}`);
  const today = chinaDate(now);
  if (value > today) return err('in_future', `${value} is in the future (today is ${today} in China)`);
  return ok(value);
}
