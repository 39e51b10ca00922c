import { z } from 'zod';
import { type BankCard, validateBankCard } from './validate.ts';

/**
 * Zod schema for a bank card number; outputs the space-free branded {@link BankCard}. The
 * issue message names the failed part and `params.part` carries it.
 *
 * @example
 * bankCardSchema.parse('6222 0210 0112 3456 789') // '6222021001123456789'
 */
export const bankCardSchema = z.string().transform((value, ctx): BankCard => {
  const result = validateBankCard(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.message, params: { part: result.part } });
  return z.NEVER;
});
