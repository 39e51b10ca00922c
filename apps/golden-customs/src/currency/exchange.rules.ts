import { divRatio, type Ratio, ratio } from '@egov/standards';
import table from './customs-rates.json' with { type: 'json' };

/**
 * A rate as published: `cny` yuan for `per` units of the currency (the PBOC
 * quotes 100 JPY), so conversion divides exactly and nothing is pre-rounded.
 */
export interface ExchangeRate {
  currency: string;
  /** Decimal string, e.g. `'7.1094'`. */
  cny: string;
  per: 1 | 100;
  /** `declared`: stated on the declaration; `customs`: the monthly customs rate. */
  source: 'declared' | 'customs';
  /** The month of the customs rate used (`YYYY-MM`); null for a declared rate. */
  month: string | null;
}

interface MonthTable {
  month: string;
  fixedOn: string;
  rates: Record<string, { cny: string; per?: number }>;
}

const months: readonly MonthTable[] = table.months;

/**
 * The customs rate of `currency` for the month of `onDate` (`YYYY-MM-DD`, a
 * day in China), or undefined when the table has none: customs converts at
 * one rate for a whole month, fixed in the month before.
 *
 * @example
 * customsRate('USD', '2026-11-26') // { cny: '7.1094', per: 1, source: 'customs', month: '2026-11', ... }
 * customsRate('USD', '2031-01-05') // undefined: no rate published for that month
 */
export function customsRate(currency: string, onDate: string): ExchangeRate | undefined {
  const month = onDate.slice(0, 7);
  const found = months.find((m) => m.month === month)?.rates[currency];
  if (!found) return undefined;
  return { currency, cny: found.cny, per: found.per === 100 ? 100 : 1, source: 'customs', month };
}

/** The months the shipped table covers, oldest first. */
export function customsRateMonths(): string[] {
  return months.map((m) => m.month);
}

/**
 * Yuan per one unit of the currency, exactly.
 *
 * @example
 * cnyPerUnit({ cny: '4.7918', per: 100, ... }) // { num: 23959n, den: 500000n }
 */
export function cnyPerUnit(rate: Pick<ExchangeRate, 'cny' | 'per'>): Ratio {
  return divRatio(ratio(rate.cny), rate.per);
}
