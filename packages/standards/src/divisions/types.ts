import type { Brand } from '../brand.ts';

/**
 * A six-digit GB/T 2260 administrative division code that is known to this package, either
 * currently in force or historical (abolished but still printed on documents issued before).
 * Obtain one with `parseDivisionCode`.
 *
 * @example
 * const r = parseDivisionCode('110101');
 * if (r.ok) { const code: DivisionCode = r.value; }
 */
export type DivisionCode = Brand<string, 'DivisionCode'>;

/**
 * GB/T 2260 levels. "prefecture" covers 地级 units and the 市辖区/县 placeholders used by
 * municipalities; "county" covers 县级 units (districts, counties, county-level cities, banners).
 */
export type DivisionLevel = 'province' | 'prefecture' | 'county';

/** A division record. `status` tells current codes from abolished ones. */
export interface Division {
  readonly code: DivisionCode;
  readonly name: string;
  readonly level: DivisionLevel;
  /** Code of the enclosing division; absent for provinces. */
  readonly parent?: DivisionCode;
  readonly status: 'current' | 'historical';
  /** Historical codes only: year the code was abolished, when known. */
  readonly abolished?: number;
  /** Historical codes only: the current division that absorbed most of it, when there is one. */
  readonly successor?: DivisionCode;
}
