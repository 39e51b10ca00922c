import { chinaDate, err, ok, type Result } from '@egov/standards';

/*
 * Tax periods (所属期) are calendar months, written `YYYY-MM`. Returns are
 * filed for a month once it is over; quotas are counted per month of issue.
 * (Small-scale taxpayers may file quarterly: not modelled, every taxpayer
 * files monthly here.)
 */

/** A `YYYY-MM` month. */
export type Period = string;

/** Why a period was refused; becomes the `rule` of a 400. */
export type PeriodRule = 'format' | 'period_not_ended';

/**
 * Checks a `YYYY-MM` period (months 01-12, years 2000-2099).
 *
 * @example
 * checkPeriod('2024-13') // { ok: false, part: 'format', ... }
 */
export function checkPeriod(value: string): Result<Period, 'format'> {
  if (!/^20\d{2}-(0[1-9]|1[0-2])$/.test(value)) {
    return err('format', `period must be YYYY-MM (a month of 2000-2099), got "${value}"`);
  }
  return ok(value);
}

/**
 * The period a `YYYY-MM-DD` date falls in.
 *
 * @example
 * periodOf('2024-05-31') // '2024-05'
 */
export function periodOf(date: string): Period {
  return date.slice(0, 7);
}

/**
 * The month after `period`.
 *
 * @example
 * nextPeriod('2024-12') // '2025-01'
 */
export function nextPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The first day of the period and the first day after it, for `>= first and < next` queries.
 *
 * @example
 * periodBounds('2024-02') // { first: '2024-02-01', next: '2024-03-01' }
 */
export function periodBounds(period: Period): { first: string; next: string } {
  return { first: `${period}-01`, next: `${nextPeriod(period)}-01` };
}

/**
 * Whether `period` is over on `now` (China time): returns are filed for past months only.
 *
 * @example
 * periodEnded('2024-05', new Date('2024-06-01T00:00:00+08:00')) // true
 */
export function periodEnded(period: Period, now: Date): boolean {
  return period < periodOf(chinaDate(now));
}

/**
 * The first period at or after `from` that is not in `filed`: where an input
 * that arrives late (a customs certificate for a month already filed) is
 * deducted instead.
 *
 * @example
 * firstOpenPeriod('2024-05', ['2024-05', '2024-06']) // '2024-07'
 */
export function firstOpenPeriod(from: Period, filed: Iterable<Period>): Period {
  const closed = new Set(filed);
  let period = from;
  while (closed.has(period)) period = nextPeriod(period);
  return period;
}

/**
 * When the VAT of a period must be declared and paid: the 15th of the next
 * month (R). Holiday extensions of the deadline are not modelled.
 *
 * @example
 * paymentDueOn('2024-12') // '2025-01-15'
 */
export function paymentDueOn(period: Period): string {
  return `${nextPeriod(period)}-15`;
}
