import { creditCodeSchema, type Decimal, parseDecimal } from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas shared by the procedures. A failure carries `params.rule`, so
 * the kernel answers 400 naming the field and the rule that failed.
 */

/** Adds an issue with a rule and ends the transform. */
export function refuse(ctx: z.RefinementCtx, rule: string, message: string, path?: (string | number)[]) {
  ctx.addIssue({ code: 'custom', message, params: { rule }, ...(path ? { path } : {}) });
  return z.NEVER;
}

/** A GB 32100 unified social credit code; a failure names the part (`check_digit`, `length`, …). */
export const creditCodeInput = creditCodeSchema;

/**
 * A non-negative plain decimal string (`'12000.50'`), kept exact. Rules:
 * `type` (not a string), `decimal` (not a number: `'abc'`, `'1e3'`, `'1,000'`),
 * `negative`, `too_many_decimals` (over `maxScale`), `positive` (zero where
 * only positive is allowed), and `max.rule` above `max.value`.
 *
 * @example
 * decimalInput({ maxScale: 6 }).parse('7.1094') // { digits: 71094n, scale: 4 }
 */
export function decimalInput(options: {
  maxScale: number;
  positive?: boolean;
  /** The largest value allowed, refused with `rule` above it (and for a text too long to be a real figure). */
  max?: { value: bigint; rule: string };
}) {
  return z.string().transform((text, ctx): Decimal => {
    if (options.max && text.trim().length > 40) {
      return refuse(ctx, options.max.rule, `${text.slice(0, 20)}… is far above ${options.max.value}`);
    }
    const d = parseDecimal(text.trim());
    if (!d) return refuse(ctx, 'decimal', `"${text}" is not a decimal number`);
    if (d.digits < 0n) return refuse(ctx, 'negative', `${text} is negative`);
    if (d.scale > options.maxScale)
      return refuse(ctx, 'too_many_decimals', `${text} has more than ${options.maxScale} decimals`);
    if (options.positive && d.digits === 0n) return refuse(ctx, 'positive', `${text} must be above zero`);
    if (options.max && d.digits > options.max.value * 10n ** BigInt(d.scale)) {
      return refuse(ctx, options.max.rule, `${text} is above ${options.max.value}`);
    }
    return d;
  });
}

/** A short trimmed text: a description, notes. */
export const textInput = (max: number) => z.string().trim().min(1).max(max);

/** A uuid naming a record of this app. */
export const idInput = z.uuid();
