import { err, ok, type Result } from '@egov/standards';

/**
 * Units of value the database keeps, each as a power of ten of the yuan's smallest unit where it is money.
 * Sources send money in fen (the platform's rule: integer fen or decimal strings, DOMAIN.md); an indicator
 * kept in 元, 万元 or 亿元 receives it shifted by an exact power of ten, never through a binary float.
 */
export const MONEY_UNITS = { fen: 0, 元: 2, 万元: 6, 亿元: 10 } as const;
/** Counts (declarations, receipts) are kept as they come. */
export const COUNT_UNITS = ['件', '笔'] as const;
export type Unit = keyof typeof MONEY_UNITS | (typeof COUNT_UNITS)[number];
export const UNITS = ['fen', '元', '万元', '亿元', ...COUNT_UNITS] as const satisfies readonly Unit[];

/** A decimal string: optional minus, up to 24 integer digits, up to 12 decimals. */
export const DECIMAL = /^-?(0|[1-9]\d{0,23})(\.\d{1,12})?$/;

/**
 * Converts a decimal string from the source's unit to the indicator's, exactly, by moving the point.
 * Money converts between money units only; counts only to the same count.
 *
 * @example
 * convertUnit('123456', 'fen', '元')   // { ok: true, value: '1234.56' }
 * convertUnit('5', '件', '元')         // { ok: false, part: 'unit', ... }
 */
export function convertUnit(value: string, from: string, to: Unit): Result<string, 'unit' | 'decimal'> {
  if (!DECIMAL.test(value)) return err('decimal', `"${value}" is not a decimal number (digits, one point)`);
  if (from === to) return ok(normalizeDecimal(value));
  const a = MONEY_UNITS[from as keyof typeof MONEY_UNITS];
  const b = MONEY_UNITS[to as keyof typeof MONEY_UNITS];
  if (a === undefined || b === undefined) return err('unit', `a value in ${from} cannot be kept in ${to}`);
  return ok(shiftDecimal(value, a - b));
}

/**
 * Multiplies a decimal string by 10^places (negative: divides), exactly.
 *
 * @example
 * shiftDecimal('123456', -2) // '1234.56'
 */
export function shiftDecimal(value: string, places: number): string {
  const negative = value.startsWith('-');
  const [int = '0', frac = ''] = (negative ? value.slice(1) : value).split('.');
  const scale = frac.length - places;
  const digits = BigInt(int + frac);
  const text = scale <= 0 ? (digits * 10n ** BigInt(-scale)).toString() : fromScaled(digits, scale);
  return normalizeDecimal((negative ? '-' : '') + text);
}

function fromScaled(digits: bigint, scale: number): string {
  const s = digits.toString().padStart(scale + 1, '0');
  return `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/**
 * One spelling per number: no trailing fractional zeros, no `-0`.
 *
 * @example
 * normalizeDecimal('12.3400') // '12.34'
 */
export function normalizeDecimal(value: string): string {
  let v = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  v = v.replace(/^(-?)0+(?=\d)/, '$1');
  return v === '-0' ? '0' : v;
}
