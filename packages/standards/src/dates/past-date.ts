import { z } from 'zod';
import { chinaDate } from '../resident-id/birth-date.ts';
import { err, ok, type Result } from '../result.ts';

/** Why a date was refused; these become the `rule` of a 400. */
export type PastDateRule = 'format' | 'calendar_date' | 'in_future' | 'too_early';

/**
 * Checks an ISO `YYYY-MM-DD` date of something that has happened (a birth, an
 * invoice, a payment): a real calendar day, not after today in China (the
 * server may run in UTC), and not before `earliest` when given.
 *
 * @example
 * checkPastDate('2024-02-29', new Date()) // { ok: true, value: '2024-02-29' }
 * checkPastDate('2023-02-30', new Date()) // { ok: false, part: 'calendar_date', ... }
 */
export function checkPastDate(value: string, now: Date, earliest?: string): Result<string, PastDateRule> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return err('format', `date must be YYYY-MM-DD, got "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls impossible days over (Feb 30 -> Mar 2), so a round trip exposes them.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return err('calendar_date', `${value} is not a calendar date`);
  }
  if (earliest && value < earliest) return err('too_early', `${value} is before ${earliest}`);
  const today = chinaDate(now);
  if (value > today) return err('in_future', `${value} is in the future (today is ${today} in China)`);
  return ok(value);
}

/**
 * A zod schema for `checkPastDate`: the failure's `params.rule` names the rule.
 *
 * @example
 * pastDateSchema().safeParse('2023-02-30').error?.issues[0]?.params // { rule: 'calendar_date' }
 */
export function pastDateSchema(options: { earliest?: string } = {}) {
  return z.string().transform((value, ctx) => {
    const checked = checkPastDate(value, new Date(), options.earliest);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.message, params: { rule: checked.part } });
    return z.NEVER;
  });
}
