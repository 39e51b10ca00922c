import { creditCodeSchema, currentCountySchema, fenSchema, pastDateSchema } from '@egov/standards';
import { z } from 'zod';
import { checkPeriod } from './periods.rules.ts';

/*
 * Input schemas shared by the procedures. A failure carries `params.rule` (or
 * the standards' `params.part`), so the kernel answers 400 naming the field
 * and the rule that failed.
 */

/** A GB 32100 unified social credit code; a failure names the part (length, format, …, check_digit). */
export const creditCodeInput = creditCodeSchema;

/**
 * A name as registered or printed on an invoice: trimmed, 1 to 100 characters.
 *
 * @example
 * entityNameInput.parse(' 福州闽江机械有限公司 ') // '福州闽江机械有限公司'
 */
export const entityNameInput = z.string().trim().min(1).max(100);

/** A non-negative amount in fen (safe integer). */
export const fenInput = fenSchema;

/** A business date `YYYY-MM-DD`: a real day, not in the future (China time). */
export const businessDateInput = pastDateSchema();

/**
 * A tax period `YYYY-MM`.
 *
 * @example
 * periodInput.parse('2024-05') // '2024-05'
 */
export const periodInput = z.string().transform((value, ctx) => {
  const checked = checkPeriod(value);
  if (checked.ok) return checked.value;
  ctx.addIssue({ code: 'custom', message: checked.message, params: { rule: checked.part } });
  return z.NEVER;
});

/** A county-level GB/T 2260 division in force today, where a taxpayer is registered. */
export const currentCountyInput = currentCountySchema;

/**
 * A GB/T 4754-2017 industry code: a section letter A-T, optionally followed by
 * the 2-, 3- or 4-digit division, group or class (format only).
 *
 * @example
 * industryInput.parse('C3411') // 'C3411'
 */
export const industryInput = z.string().transform((value, ctx) => {
  if (/^[A-T](\d{2}|\d{3}|\d{4})?$/.test(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message: `industry must be a GB/T 4754 code (section letter A-T, then 2, 3 or 4 digits), got "${value}"`,
    params: { rule: 'format' },
  });
  return z.NEVER;
});

/** A 20-digit fully digital e-invoice number. */
export const invoiceNumberInput = z.string().transform((value, ctx) => {
  if (/^\d{20}$/.test(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message: `invoice number must be 20 digits, got "${value}"`,
    params: { rule: 'format' },
  });
  return z.NEVER;
});
