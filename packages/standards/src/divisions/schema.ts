import { z } from 'zod';
import { lookupDivision } from './lookup.ts';
import { parseDivisionCode } from './parse.ts';

/**
 * A county-level GB/T 2260 division in force today: where new records are
 * registered (abolished codes are only ever read from old IDs). Rules: the
 * parser's `format`, `province`, `division`, then `abolished` and `not_county`.
 *
 * @example
 * currentCountySchema.parse('350102') // '350102' (福州市鼓楼区)
 * currentCountySchema.safeParse('110100').error?.issues[0]?.params // { rule: 'not_county' }
 */
export const currentCountySchema = z.string().transform((value, ctx) => {
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
