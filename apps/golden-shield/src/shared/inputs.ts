import { currentCountySchema, pastDateSchema, residentIdSchema } from '@egov/standards';
import { z } from 'zod';

/*
 * Input schemas shared by the procedures. A failure carries `params.rule`, so
 * the kernel answers 400 naming the field and the rule that failed.
 */

/** A GB 11643 resident ID; a failure names the part (length, format, division, birth_date, check_digit). */
export const residentIdInput = residentIdSchema;

/**
 * A person's name as registered: trimmed, 1 to 50 characters.
 *
 * @example
 * personNameInput.parse(' 张伟 ') // '张伟'
 */
export const personNameInput = z.string().trim().min(1).max(50);

/** The date of a life event (`YYYY-MM-DD`, a real day, 1900 or later, not in the future). */
export const eventDateInput = pastDateSchema({ earliest: '1900-01-01' });

/** A county-level GB/T 2260 division in force today: new records use today's divisions. */
export const currentCountyInput = currentCountySchema;
