import { z } from 'zod';

/*
 * Input schemas several concepts share. A failure carries `params.rule`, so
 * the kernel answers 400 naming the field and the rule.
 */

/** A calendar date `YYYY-MM-DD` (zod's own check: `invalid_format` for 2026-02-30). */
export const dateInput = z.iso.date();

/** A month `YYYY-MM`. */
export const monthInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** An official's username at the platform. */
export const usernameInput = z.string().regex(/^[a-z][a-z0-9._-]{1,63}$/, 'must be a platform username');

/** A catalog resource identifier (`<system>-<domain>-<serial>`, as the platform's catalog has it). */
export const resourceIdInput = z
  .string()
  .regex(/^[A-Z]{2,4}-[A-Z]{2,8}-[0-9]{4}$/, 'must be a catalog resource id like GF-LED-0001');

/** An agency code (kebab case, as the platform's agencies are named). */
export const agencyInput = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be an agency code');

/** Distinct entries, at least one; a repeat is refused naming its index (rule `repeated`). */
export const distinct = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .min(1)
    .max(max)
    .superRefine((list, ctx) => {
      const index = list.findIndex((x, i) => list.indexOf(x) !== i);
      if (index >= 0)
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: 'must not repeat an entry',
          params: { rule: 'repeated' },
        });
    });
