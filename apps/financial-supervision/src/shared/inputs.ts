import { AMOUNT_BOUNDS_FEN, creditCodeSchema, residentIdSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas several concepts share. A failure carries `params.rule` (or
 * `params.part`), so the kernel answers 400 naming the field and the rule.
 */

/** A GB 32100 unified social credit code, checked by @egov/standards (part: length, format, check_digit, ...). */
export const creditCodeInput = creditCodeSchema;

/** A GB 11643 resident ID; a failure names the part. */
export const residentIdInput = residentIdSchema;

/** A name as registered: trimmed, 1 to 100 characters. */
export const nameInput = z.string().trim().min(1).max(100);

/** A China calendar day, `YYYY-MM-DD`. */
export const dayInput = z.iso.date();

/**
 * An amount in minor units (fen, US cents) that may be zero (an attempted
 * transaction): whole units (`integer_minor_unit`), not negative
 * (`negative`), within `AMOUNT_BOUNDS_FEN.transaction` (`max_amount`).
 */
export const minorAmountInput = z.number().transform((value, ctx): number => {
  const refuse = (rule: string, message: string) => {
    ctx.addIssue({ code: 'custom', message, params: { rule } });
    return z.NEVER;
  };
  if (!Number.isInteger(value))
    return refuse('integer_minor_unit', `amounts are whole minor units, got ${value}`);
  if (value < 0) return refuse('negative', 'an amount cannot be negative');
  if (value > AMOUNT_BOUNDS_FEN.transaction)
    return refuse('max_amount', `an amount is at most ${AMOUNT_BOUNDS_FEN.transaction} minor units`);
  return value;
});
