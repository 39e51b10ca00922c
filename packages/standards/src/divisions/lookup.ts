import { CURRENT, HISTORICAL } from './table.ts';
import type { Division, DivisionLevel } from './types.ts';

/** Options shared by the lookup functions. */
export interface LookupOptions {
  /**
   * Also consider abolished codes (default `true`). Documents such as resident IDs keep the
   * code of where and when they were issued, so reading old codes is the common case; pass
   * `false` when offering a choice of divisions for new data.
   */
  readonly includeHistorical?: boolean;
}

/**
 * Finds a division by its 6-digit GB/T 2260 code.
 *
 * @example
 * lookupDivision('110101') // { code: '110101', name: '东城区', level: 'county', parent: '110100', status: 'current' }
 * lookupDivision('110103') // { ..., name: '崇文区', status: 'historical', abolished: 2010, successor: '110101' }
 * lookupDivision('110103', { includeHistorical: false }) // undefined
 */
export function lookupDivision(code: string, options: LookupOptions = {}): Division | undefined {
  const current = CURRENT.get(code);
  if (current || options.includeHistorical === false) return current;
  return HISTORICAL.get(code);
}

/**
 * Whether `code` is a known 6-digit division code (current, or historical unless excluded).
 *
 * @example
 * isKnownDivision('110104') // true (宣武区, abolished 2010)
 * isKnownDivision('110104', { includeHistorical: false }) // false
 */
export function isKnownDivision(code: string, options: LookupOptions = {}): boolean {
  return lookupDivision(code, options) !== undefined;
}

/**
 * The province (first two digits) a code belongs to, or `undefined` if those digits are not a
 * real province. Works for any string starting with the province digits, including codes that
 * are themselves unknown, which is what ID validation needs to check the province "strictly".
 *
 * @example
 * provinceOf('110103')?.name // '北京市'
 * provinceOf('990101') // undefined
 */
export function provinceOf(code: string): Division | undefined {
  if (!/^\d{2}/.test(code)) return undefined;
  return CURRENT.get(`${code.slice(0, 2)}0000`);
}

/**
 * Lists divisions, optionally by level. Order follows the code.
 *
 * @example
 * listDivisions({ level: 'province' }).length // 34 (31 mainland + TW, HK, MO)
 */
export function listDivisions(
  options: LookupOptions & { readonly level?: DivisionLevel } = {},
): readonly Division[] {
  const all =
    options.includeHistorical === false
      ? [...CURRENT.values()]
      : [...CURRENT.values(), ...HISTORICAL.values()];
  return all
    .filter((d) => options.level === undefined || d.level === options.level)
    .sort((a, b) => a.code.localeCompare(b.code));
}
