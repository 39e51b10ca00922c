import { currentCountySchema, type Fen, residentIdSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas several concepts share. A failure carries `params.rule` (or
 * the standards' `params.part`), so the kernel answers 400 naming the field
 * and the rule that failed.
 */

/** A GB 11643 resident ID; a failure names the part (length, format, division, birth_date, check_digit). */
export const residentIdInput = residentIdSchema;

/** A person's name as registered: trimmed, 1 to 50 characters. */
export const personNameInput = z.string().trim().min(1).max(50);

/** A legal entity's name (名称): trimmed, 1 to 100 characters. */
export const entityNameInput = z.string().trim().min(1).max(100);

/** A county-level GB/T 2260 division in force today, where the entity has its domicile. */
export const countyInput = currentCountySchema;

/**
 * The largest registered capital (注册资本) accepted: 10 trillion yuan (10^15 fen),
 * above the largest registered today (China State Railway Group, about 1.74
 * trillion yuan) and below 2^53 fen. It stays out of `AMOUNT_BOUNDS_FEN`,
 * whose bounds keep a hundredfold headroom for sums: registered capitals are
 * never summed here.
 */
export const REGISTERED_CAPITAL_MAX_FEN = 1_000_000_000_000_000;

/** Registered capital in whole fen, positive, at most {@link REGISTERED_CAPITAL_MAX_FEN}; rules as `boundedFenSchema`'s. */
export const capitalInput = z.number().transform((value, ctx): Fen => {
  const refuse = (rule: string, message: string) => {
    ctx.addIssue({ code: 'custom', message, params: { rule } });
    return z.NEVER;
  };
  if (!Number.isInteger(value)) return refuse('integer_fen', `amount must be whole fen (分), got ${value}`);
  if (value <= 0) return refuse('positive', `amount must be positive, got ${value}`);
  if (value > REGISTERED_CAPITAL_MAX_FEN)
    return refuse('max_amount', `registered capital ${value} fen is above ${REGISTERED_CAPITAL_MAX_FEN} fen`);
  return value as Fen;
});
