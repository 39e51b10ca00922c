import {
  type AmountKind,
  boundedFenSchema,
  creditCodeSchema,
  lookupDivision,
  parseDivisionCode,
} from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas shared by the procedures. A failure carries `params.rule`, so
 * the kernel answers 400 naming the field and the rule that failed.
 */

function issue(ctx: z.RefinementCtx, rule: string, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, params: { rule } });
  return z.NEVER;
}

/**
 * A positive amount of money in integer fen (分) within the bound of its kind
 * (`AMOUNT_BOUNDS_FEN` in @egov/standards). Rules: zod's `type` for a
 * non-number, then `integer_fen`, `positive`, `max_amount`.
 *
 * @example
 * amountFenInput('treasuryItem').parse(1_250_000) // 1250000 (12,500.00 yuan)
 * amountFenInput('payment').safeParse(12.5).error?.issues[0]?.params // { rule: 'integer_fen' }
 */
export const amountFenInput = (kind: AmountKind) => boundedFenSchema(kind);

/** A GB 32100 unified social credit code; a failure names the part (`check_digit`, `division`, …). */
export const creditCodeInput = creditCodeSchema;

/**
 * A budget unit code (预算单位编码): a 3-digit department, then 3 to 9 digits
 * of unit within it.
 *
 * @example
 * budgetUnitCodeInput.parse('201001') // '201001'
 */
export const budgetUnitCodeInput = z
  .string()
  .trim()
  .regex(/^\d{6,12}$/, 'budget unit code must be 6 to 12 digits');

/**
 * A GB/T 2260 division in force today, at any level (a provincial finance
 * department sits at the province, a district bureau at the county).
 * Rules: the standards' `format`, `province`, `division`, then `abolished`.
 *
 * @example
 * currentDivisionInput.parse('350102') // '350102'
 */
export const currentDivisionInput = z.string().transform((value, ctx) => {
  const parsed = parseDivisionCode(value);
  if (!parsed.ok) return issue(ctx, parsed.part, parsed.message);
  const division = lookupDivision(parsed.value)!;
  if (division.status !== 'current') {
    return issue(
      ctx,
      'abolished',
      `division ${value} (${division.name}) was abolished; use the current code`,
    );
  }
  return parsed.value;
});

/** A short trimmed text: a name, a bank, a purpose. */
export const textInput = (max: number) => z.string().trim().min(1).max(max);

/**
 * An ISO calendar date `YYYY-MM-DD` that exists (rules `format`, `calendar_date`).
 *
 * @example
 * isoDateInput.safeParse('2026-02-30').error?.issues[0]?.params // { rule: 'calendar_date' }
 */
export const isoDateInput = z.string().transform((value, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return issue(ctx, 'format', `date must be YYYY-MM-DD, got "${value}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return issue(ctx, 'calendar_date', `${value} is not a calendar date`);
  }
  return value;
});

/** Clock skew tolerated between a bank's or agency's clock and ours. */
const SKEW_MS = 5 * 60_000;

/**
 * An instant with its offset (`2026-11-20T09:30:00+08:00`), not in the future
 * (rules `format`, `in_future`).
 *
 * @example
 * instantInput.parse('2026-11-20T09:30:00+08:00') // Date
 */
export const instantInput = z.string().transform((value, ctx) => {
  if (!z.iso.datetime({ offset: true }).safeParse(value).success) {
    return issue(ctx, 'format', `time must be ISO 8601 with an offset, got "${value}"`);
  }
  const at = new Date(value);
  if (at.getTime() > Date.now() + SKEW_MS) return issue(ctx, 'in_future', `${value} is in the future`);
  return at;
});

/** A uuid naming a record of this app. */
export const idInput = z.uuid();
