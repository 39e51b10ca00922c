import { z } from 'zod';
import { type MobilePhone, validateMobilePhone } from './validate.ts';

/**
 * Zod schema for a mainland mobile number; outputs the bare 11-digit branded
 * {@link MobilePhone}. The issue message names the failed part and `params.part` carries it.
 *
 * @example
 * mobilePhoneSchema.parse('138 1234 5678') // '13812345678'
 */
export const mobilePhoneSchema = z.string().transform((value, ctx): MobilePhone => {
  const result = validateMobilePhone(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.message, params: { part: result.part } });
  return z.NEVER;
});
