import {
  addRatio,
  divRatio,
  type Fen,
  fen,
  fenFromBigInt,
  mulRateHalfUp,
  mulRatio,
  type Ratio,
  ratio,
  roundHalfUp,
  subRatio,
} from '@egov/standards';

export const incoterms = ['CIF', 'FOB', 'CFR'] as const;
export type Incoterm = (typeof incoterms)[number];

/**
 * Insurance when the declarant cannot state it: 3‰ of goods plus freight
 * (海关审定进出口货物完税价格办法, (R)).
 */
export const DEFAULT_INSURANCE_RATE = '0.003';

/** A line's price terms, in exact amounts of the invoice currency. */
export interface PriceTerms {
  incoterm: Incoterm;
  /** The invoiced price under `incoterm`. */
  value: Ratio;
  /** Freight to the Chinese port: required for FOB, refused for CFR and CIF (already in the price). */
  freight: Ratio | null;
  /** Insurance: stated for FOB or CFR, or derived at {@link DEFAULT_INSURANCE_RATE}; refused for CIF. */
  insurance: Ratio | null;
}

/**
 * The CIF price in the invoice currency, exactly: FOB + freight + insurance,
 * or CFR + insurance; an unstated insurance is 3‰ of (price + freight).
 *
 * @example
 * cifPrice({ incoterm: 'FOB', value: ratio('10000'), freight: ratio('500'), insurance: null })
 * // { cif: 10,531.50 as { num: 21063n, den: 2n }, insuranceDerived: true }: 10,500 + 31.50 insurance
 */
export function cifPrice(terms: PriceTerms): { cif: Ratio; insuranceDerived: boolean } {
  if (terms.incoterm === 'CIF') return { cif: terms.value, insuranceDerived: false };
  const toPort = terms.incoterm === 'FOB' ? addRatio(terms.value, terms.freight ?? 0) : terms.value;
  if (terms.insurance) return { cif: addRatio(toPort, terms.insurance), insuranceDerived: false };
  return { cif: mulRatio(toPort, addRatio(1, DEFAULT_INSURANCE_RATE)), insuranceDerived: true };
}

/**
 * The customs value (完税价格) in fen: the CIF price times yuan per unit,
 * rounded half-up to the fen once, at the end.
 *
 * @example
 * customsValueFen(ratio('10000.00'), ratio('7.1094')) // 7_109_400 (71,094.00 yuan)
 */
export function customsValueFen(cif: Ratio, cnyPerUnit: Ratio): Fen {
  return mulRateHalfUp(100, mulRatio(cif, cnyPerUnit));
}

/**
 * The customs value in fen, exactly, however large: to compare with the
 * line's bound before anything is computed as a number.
 *
 * @example
 * customsValueExact(ratio('100000000000000000000'), ratio('1')) // 10n ** 22n (10^20 yuan)
 */
export function customsValueExact(cif: Ratio, cnyPerUnit: Ratio): bigint {
  const r = mulRatio(cif, cnyPerUnit);
  return roundHalfUp(100n * r.num, r.den);
}

/** The three rates of a tariff line, as exact decimal strings. */
export interface TaxRates {
  duty: string;
  consumption: string;
  vat: string;
}

export interface LineTaxes {
  dutyFen: Fen;
  consumptionTaxFen: Fen;
  vatFen: Fen;
}

/**
 * The import duty and taxes of one line, each computed exactly on its base and
 * rounded half-up to the fen once; each later base uses the assessed (rounded)
 * amounts before it, as customs assesses them:
 * duty = CV × d; consumption = (CV + duty) / (1 − t) × t; VAT = (CV + duty + consumption) × v.
 *
 * @example
 * assessLine(fen(10_000_000), { duty: '0.10', consumption: '0.10', vat: '0.13' })
 * // { dutyFen: 1_000_000, consumptionTaxFen: 1_222_222, vatFen: 1_588_889 }
 */
export function assessLine(customsValue: Fen, rates: TaxRates): LineTaxes {
  const dutyFen = mulRateHalfUp(customsValue, rates.duty);
  const t = ratio(rates.consumption);
  if (t.num >= t.den) throw new RangeError(`consumption tax rate must be below 1, got ${rates.consumption}`);
  const consumptionBase = fen(customsValue + dutyFen);
  const consumptionTaxFen =
    t.num === 0n ? fen(0) : mulRateHalfUp(consumptionBase, divRatio(t, subRatio(1, t)));
  const vatFen = mulRateHalfUp(fen(consumptionBase + consumptionTaxFen), rates.vat);
  return { dutyFen, consumptionTaxFen, vatFen };
}

export interface DeclarationTotals {
  customsValueFen: Fen;
  dutyFen: Fen;
  consumptionTaxFen: Fen;
  vatFen: Fen;
  /** Duty plus both taxes: what the importer pays. */
  totalFen: Fen;
}

/**
 * The declaration's totals: the sums of its lines (each tax was rounded per line).
 *
 * @example
 * totals([{ customsValueFen: fen(100), dutyFen: fen(10), consumptionTaxFen: fen(0), vatFen: fen(14) }]).totalFen // 24
 */
export function totals(lines: readonly (LineTaxes & { customsValueFen: Fen })[]): DeclarationTotals {
  // Summed in bigint and checked back into a safe number: the line bounds keep a declaration's totals far
  // below 2^53 fen, and if that ever stopped holding this throws rather than rounds.
  const sum = (pick: (l: LineTaxes & { customsValueFen: Fen }) => number) =>
    fenFromBigInt(lines.reduce((s, l) => s + BigInt(pick(l)), 0n));
  const dutyFen = sum((l) => l.dutyFen);
  const consumptionTaxFen = sum((l) => l.consumptionTaxFen);
  const vatFen = sum((l) => l.vatFen);
  return {
    customsValueFen: sum((l) => l.customsValueFen),
    dutyFen,
    consumptionTaxFen,
    vatFen,
    totalFen: fenFromBigInt(BigInt(dutyFen) + BigInt(consumptionTaxFen) + BigInt(vatFen)),
  };
}
