import { boundedFenSchema, currentCountySchema, residentIdSchema } from '@egov/standards';
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

/** Registered capital in whole fen, positive, at most `AMOUNT_BOUNDS_FEN.registeredCapital`. */
export const capitalInput = boundedFenSchema('registeredCapital');
