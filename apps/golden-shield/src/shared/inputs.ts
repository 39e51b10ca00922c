import { lookupDivision, parseDivisionCode, residentIdSchema } from '@egov/standards';
import { z } from 'zod';
import { checkEventDate } from './dates.rules.ts';

/*
 * Input schemas shared by the procedures. A failure carries `params.rule`, so
 * the kernel answers 400 naming the field and the rule that failed.
 */

/** A GB 11643 resident ID; a failure names the part (length, format, division, birth_date, check_digit). */
export const residentIdInput = residentIdSchema;

/**
 * A person's name as registered: trimmed, 1 to 50 characters.
 *
 * @example
 * personNameInput.parse(' 张伟 ') // '张伟'
 */
export const personNameInput = z.string().trim().min(1).max(50);

/**
 * The date of a life event (`YYYY-MM-DD`, a real day, 1900 or later, not in the future).
 *
 * @example
 * eventDateInput.safeParse('2023-02-30').error?.issues[0]?.params // { rule: 'calendar_date' }
 */
export const eventDateInput = z.string().transform((value, ctx) => {
  const checked = checkEventDate(value, new Date());
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: checked.message, params: { rule: checked.part } });
  return z.NEVER;
});

/**
 * A county-level GB/T 2260 division in force today. New records (births,
 * moves, deaths) are registered against today's divisions; abolished codes are
 * only ever read from old IDs. Rules: the standards' `format`, `province`,
 * `division`, then `abolished` and `not_county`.
 *
 * @example
 * currentCountyInput.parse('350102') // '350102' (福州市鼓楼区)
 * currentCountyInput.safeParse('110100').error?.issues[0]?.params // { rule: 'not_county' }
 */
export const currentCountyInput = z.string().transform((value, ctx) => {
  const parsed = parseDivisionCode(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
    return z.NEVER;
  }
  const division = lookupDivision(parsed.value)!;
  const rule =
    division.status !== 'current' ? 'abolished' : division.level !== 'county' ? 'not_county' : undefined;
  if (!rule) return parsed.value;
  const message =
    rule === 'abolished'
      ? `division ${value} (${division.name}) was abolished; use the current code`
      : `division ${value} (${division.name}) is not a county-level division`;
  ctx.addIssue({ code: 'custom', message, params: { rule } });
  return z.NEVER;
});
