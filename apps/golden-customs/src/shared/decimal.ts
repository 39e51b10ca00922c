import type { ColumnType } from 'kysely';
import { type Decimal, parseDecimal, type Ratio, ratio } from '@egov/standards';

/**
 * A decimal as plain text, scale kept (`{ digits: 1050n, scale: 2 }` → `'10.50'`).
 *
 * @example
 * formatDecimal({ digits: 5n, scale: 3 }) // '0.005'
 */
export function formatDecimal(d: Decimal): string {
  const negative = d.digits < 0n;
  const text = (negative ? -d.digits : d.digits).toString().padStart(d.scale + 1, '0');
  const body = d.scale === 0 ? text : `${text.slice(0, -d.scale)}.${text.slice(-d.scale)}`;
  return negative ? `-${body}` : body;
}

/** An amount in minor units of a currency with `minorUnits` decimals, as exact text (`1050n`, 2 → `'10.50'`). */
export function formatMinor(amount: bigint, minorUnits: number): string {
  return formatDecimal({ digits: amount, scale: minorUnits });
}

/** The exact value of an amount in minor units (`1050n`, 2 → 21/2). */
export function minorRatio(amount: bigint, minorUnits: number): Ratio {
  return ratio({ num: amount, den: 10n ** BigInt(minorUnits) });
}

/** Why a money text was refused; these become the `rule` of a 400. */
export type MinorRule = 'decimal' | 'negative' | 'minor_unit';

/**
 * A decimal text in a currency as an integer number of its minor units:
 * exact, and refused when it has more decimals than the currency has.
 *
 * @example
 * toMinor('12.5', 2)   // { ok: true, value: 1250n }
 * toMinor('100.5', 0)  // { ok: false, rule: 'minor_unit' } (yen have no decimals)
 */
export function toMinor(
  text: string,
  minorUnits: number,
): { ok: true; value: bigint } | { ok: false; rule: MinorRule; message: string } {
  const d = parseDecimal(text);
  if (!d) return { ok: false, rule: 'decimal', message: `"${text}" is not a decimal number` };
  if (d.digits < 0n) return { ok: false, rule: 'negative', message: `${text} is negative` };
  if (d.scale > minorUnits) {
    return {
      ok: false,
      rule: 'minor_unit',
      message: `${text} has more decimals than the currency's ${minorUnits}`,
    };
  }
  return { ok: true, value: d.digits * 10n ** BigInt(minorUnits - d.scale) };
}

/** A `bigint` column of integer minor units of some currency (yen, cents, fils). */
export type MinorColumn = ColumnType<string | number | bigint, string, string>;
