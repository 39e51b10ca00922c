import { z } from 'zod';
import type { CreditCode } from './types.ts';
import { validateCreditCode } from './validate.ts';

/**
 * Zod schema for a unified social credit code; outputs the branded {@link CreditCode}. The
 * issue message names the failed part and `params.part` carries it.
 *
 * @example
 * creditCodeSchema.parse('91110000802100433B') // '91110000802100433B'
 * creditCodeSchema.safeParse('91110000802100433A').error?.issues[0]?.params // { part: 'check_digit' }
 */
export const creditCodeSchema = z.string().transform((value, ctx): CreditCode => {
  const result = validateCreditCode(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.message, params: { part: result.part } });
  return z.NEVER;
});
