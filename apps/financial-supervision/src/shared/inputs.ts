import { creditCodeSchema, residentIdSchema } from '@egov/standards';
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
