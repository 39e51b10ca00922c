import calendar from 'chinese-days';

/**
 * Chinese working days: Monday to Friday, less the public holidays, plus the
 * weekend days the State Council's yearly notice makes working days (调休).
 * The days come from the maintained `chinese-days` package, which follows
 * each notice (for 2025: 国办发明电〔2024〕12号; for 2026: 国办发明电〔2025〕7号).
 * A year the package does not hold yet (the notice for it is not out, or the
 * package is older than it) is refused rather than guessed from weekdays:
 * a deadline counted wrongly is worse than one refused.
 *
 * Days are ISO `YYYY-MM-DD` strings of the China calendar.
 */
const covered = new Map<number, boolean>();

/** True when the package holds the State Council's holiday arrangement for `year`. */
export function workingDayCalendarCovers(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    // A year with an arrangement has public holidays on weekdays; one without has none at all.
    known = calendar.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    covered.set(year, known);
  }
  return known;
}

function checkedDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`a day must be YYYY-MM-DD, got "${day}"`);
  const year = Number(m[1]);
  if (!workingDayCalendarCovers(year))
    throw new RangeError(
      `the working-day calendar has no holiday arrangement for ${year} yet (chinese-days): update the package once the State Council has published it`,
    );
  return day;
}

function nextDay(day: string, by = 1): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

/**
 * Whether `day` is a working day in China.
 *
 * @example
 * isWorkingDay('2026-10-01') // false: National Day
 * isWorkingDay('2026-02-14') // true: a Saturday worked for the Spring Festival
 */
export function isWorkingDay(day: string): boolean {
  return calendar.isWorkday(checkedDay(day));
}

/**
 * The day `n` working days after `start` (start itself not counted), the way
 * a deadline "within n working days" of an act on `start` is counted.
 *
 * @example
 * addWorkingDays('2026-09-30', 1) // '2026-10-08': 1 to 7 October are the National Day holiday
 */
export function addWorkingDays(start: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 3_650)
    throw new RangeError(`n must be 0 to 3650 working days, got ${n}`);
  let day = checkedDay(start);
  for (let left = n; left > 0; ) {
    day = nextDay(day);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`):
 * how many working days of a deadline have passed.
 *
 * @example
 * workingDaysBetween('2026-09-30', '2026-10-10') // 3: 8, 9 and the Saturday 10 October
 */
export function workingDaysBetween(from: string, to: string): number {
  checkedDay(from);
  checkedDay(to);
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkingDay(day)) count += 1;
  return count;
}
