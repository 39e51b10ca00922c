import data from './iso4217.json' with { type: 'json' };

/** What a code stands for: legal tender, or one of the list's other entries. */
export type CurrencyKind = 'currency' | 'fund' | 'unit' | 'metal' | 'reserved';

/** An entry of ISO 4217 list one. */
export interface Currency {
  code: string;
  numeric: string;
  /** Digits after the decimal point (JPY 0, USD 2, KWD 3); null for the list's N.A. */
  minorUnits: number | null;
  name: string;
  kind: CurrencyKind;
}

const byCode = new Map<string, Currency>(data.codes.map((c) => [c.code, c as Currency]));

/** When the shipped list was published. */
export const iso4217Published = data.published;

/**
 * The active ISO 4217 entry of an alphabetic code, or undefined (withdrawn codes such as HRK included).
 *
 * @example
 * lookupCurrency('JPY')?.minorUnits // 0
 * lookupCurrency('HRK') // undefined: withdrawn 2023-01-01
 */
export function lookupCurrency(code: string): Currency | undefined {
  return byCode.get(code);
}

/** Every active entry, in code order. */
export function listCurrencies(): Currency[] {
  return [...byCode.values()];
}
