import { residentIdSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas several concepts share. A failure carries `params.rule` (or
 * `params.part`), so the kernel answers 400 naming the field and the rule.
 */

/** A GB 11643 resident ID; a failure names the part (length, format, division, birth_date, check_digit). */
export const residentIdInput = residentIdSchema;

/** A person's name as registered: trimmed, 1 to 50 characters. */
export const personNameInput = z.string().trim().min(1).max(50);
