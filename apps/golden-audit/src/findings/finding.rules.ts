import { addWorkingDays } from '@egov/standards';

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
 * @example
 * rectificationDeadline('2026-09-30', 1) // '2026-10-08': the National Day holiday is not counted
 */
export const rectificationDeadline = (issuedOn: string, days: number) => addWorkingDays(issuedOn, days);

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
