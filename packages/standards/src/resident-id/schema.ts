import { z } from 'zod';
import type { ResidentId } from './types.ts';
import { validateResidentId } from './validate.ts';

/**
 * Zod schema for a resident ID: validates with {@link validateResidentId} (clock = now) and
 * outputs the normalised branded {@link ResidentId}. On failure the issue message names the
 * failed part (e.g. "resident ID check digit is wrong: expected 7, got 3") and
 * `params.part` carries the machine-readable part.
 *
 * @example
 * residentIdSchema.parse('11010519491231002x') // '11010519491231002X'
 * residentIdSchema.safeParse('110105194912310021').error?.issues[0]?.params // { part: 'check_digit' }
 */
export const residentIdSchema = z.string().transform((value, ctx): ResidentId => {
  const result = validateResidentId(value);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.message, params: { part: result.part } });
  return z.NEVER;
});
