/*
 * Declaration numbers (报关单编号), 18 digits: the declaring customs office
 * (4), the year (4), the import/export flag (1: import, 0: export (R)) and a
 * serial within office and year (9).
 */

/** The customs office this instance declares at: 2200, Shanghai customs district (R). One office per deployment, for now. */
export const DECLARING_OFFICE = '2200';

/** The import flag of the ninth digit (R). */
export const IMPORT_FLAG = '1';

export const MAX_SERIAL = 999_999_999;

/**
 * @example
 * declarationNumber({ office: '2200', year: 2026, serial: 42 }) // '220020261000000042'
 */
export function declarationNumber(parts: { office: string; year: number; serial: number }): string {
  if (!/^\d{4}$/.test(parts.office)) throw new RangeError(`office must be 4 digits, got ${parts.office}`);
  if (parts.serial < 1 || parts.serial > MAX_SERIAL)
    throw new RangeError(`serial out of range: ${parts.serial}`);
  return `${parts.office}${parts.year}${IMPORT_FLAG}${String(parts.serial).padStart(9, '0')}`;
}
