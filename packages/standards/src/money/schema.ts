import { z } from 'zod';
import type { Fen } from './fen.ts';
import { tryParseYuan } from './yuan.ts';

/**
 * Zod schema for a non-negative fen amount (safe integer ≥ 0), output as {@link Fen}.
 *
 * @example
 * fenSchema.parse(12345) // 12345
 * fenSchema.safeParse(1.5).success // false
 */
export const fenSchema = z
  .number()
  .int()
  .nonnegative()
  .refine(Number.isSafeInteger, 'fen amount must be a safe integer')
  .transform((v) => v as Fen);

/**
 * Zod schema for a non-negative yuan amount typed by a person, e.g. `'123.45'`, output as
 * {@link Fen}. Unlike `parseYuan` it refuses more than two decimals: a user entering
 * '0.005' has made a mistake that silent rounding would hide.
 *
 * @example
 * yuanStringSchema.parse('123.4')  // 12340
 * yuanStringSchema.safeParse('1.005').success // false
 */
export const yuanStringSchema = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'yuan amount must be a non-negative decimal with at most 2 decimals')
  .transform((value, ctx): Fen => {
    const result = tryParseYuan(value);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message, params: { part: result.part } });
    return z.NEVER;
  });
