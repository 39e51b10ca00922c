import { addWorkingDays, err, ok, type Result } from '@egov/standards';

export type FindingStatus = 'open' | 'rectified' | 'overdue';

/**
 * Default rectification period: 60 working days. The Audit Law (2021 text)
 * art. 52 has the audited body rectify and report the result, and the audit
 * decision sets the time; about three months is the office's usual term
 * (R: dated configuration of this office, not a national figure).
 */
export const RECTIFY_WORKING_DAYS = { since: '2021-10-23', days: 60 } as const;

/**
 * The rectification deadline: `days` Chinese working days after the day the
 * finding was issued (weekends, public holidays and the State Council's
 * make-up working days, from `@egov/standards`).
 *
 * A deadline in a year whose holiday arrangement the State Council has not
 * published yet (so `chinese-days` does not hold it) cannot be counted: it is
 * refused, never guessed from weekdays.
 *
 * @example
 * rectificationDeadline('2026-09-30', 1) // ok '2026-10-08': the National Day holiday is not counted
 * rectificationDeadline('2026-12-01', 60) // err 'calendar_not_published' (2027's arrangement is not out)
 */
export function rectificationDeadline(
  issuedOn: string,
  days: number,
): Result<string, 'calendar_not_published'> {
  try {
    return ok(addWorkingDays(issuedOn, days));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return err(
      'calendar_not_published',
      `${days} working days from ${issuedOn} run into a year whose holidays are not published yet; choose fewer days or wait for the State Council's notice`,
    );
  }
}

/**
 * A finding's status on `today`: rectified once it is; otherwise open up to
 * and including its deadline, overdue after.
 *
 * @example
 * findingStatus({ deadline: '2026-03-31', rectifiedOn: null }, '2026-04-01') // 'overdue'
 */
export function findingStatus(
  f: { deadline: string; rectifiedOn: string | null },
  today: string,
): FindingStatus {
  if (f.rectifiedOn) return 'rectified';
  return today > f.deadline ? 'overdue' : 'open';
}
