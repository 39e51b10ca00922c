import { type Fen, parseYuan } from '@egov/standards';
import type { TaxpayerKind } from '../rates/vat-rates.ts';

/*
 * The invoicing quota (发票总额度) of fully digital e-invoices: the most a
 * taxpayer may invoice in a calendar month, counted on amounts before VAT.
 * The real system sets it by risk and adjusts it dynamically; here a new
 * taxpayer gets a default by kind and officials change it with
 * `taxpayers.setQuota`. The defaults are this platform's choice, not law.
 */
export const defaultMonthlyQuota: Readonly<Record<TaxpayerKind, Fen>> = {
  general: parseYuan('10000000.00'),
  'small-scale': parseYuan('500000.00'),
};

/**
 * Whether invoicing `amount` more on top of `used` this month stays within `quota`.
 *
 * @example
 * fitsQuota(900, 100, 1000) // true
 * fitsQuota(901, 100, 1000) // false
 */
export function fitsQuota(used: number, amount: number, quota: number): boolean {
  return used + amount <= quota;
}

/**
 * The provincial tax bureau code (2 digits) of a division: its province digits.
 * Bureaus of the cities separately listed in the plan (计划单列市: Dalian,
 * Qingdao, Ningbo, Xiamen, Shenzhen) are not modelled; they share their
 * province's code here.
 *
 * @example
 * bureauOf('350102') // '35'
 */
export function bureauOf(division: string): string {
  return division.slice(0, 2);
}
