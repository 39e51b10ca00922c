import { type Fen, fen } from '@egov/standards';
import type { TaxpayerKind } from '../rates/vat-rates.ts';

/** What a month's return is computed from. */
export interface ReturnFigures {
  kind: TaxpayerKind;
  /** VAT on the invoices the taxpayer issued in the period (销项税额). */
  outputTaxFen: number;
  /** Input recorded for the period: claimed invoices and customs certificates (进项税额). */
  inputTaxFen: number;
  /** Credit carried forward by the previous return (上期留抵税额). */
  creditBroughtForwardFen: number;
}

export interface VatReturnComputation {
  outputTaxFen: Fen;
  /** The input actually deducted: all of it for general taxpayers, none for small-scale ones. */
  inputTaxFen: Fen;
  creditBroughtForwardFen: Fen;
  /** What the period owes (应纳税额), never negative. */
  payableFen: Fen;
  /** Excess input carried into the next period (期末留抵税额), never negative. */
  creditCarriedForwardFen: Fen;
}

/**
 * Computes a VAT return. General taxpayers: net = output − input − credit
 * brought forward; a positive net is payable, a negative one is carried
 * forward as credit (refunds of excess credit are not modelled). Small-scale
 * taxpayers pay their levy on sales and deduct nothing, so they neither use
 * nor carry credit. Always: payable − carried = output − input − brought
 * forward, payable ≥ 0, carried ≥ 0, and at most one of them non-zero.
 *
 * @example
 * computeVatReturn({ kind: 'general', outputTaxFen: 1300, inputTaxFen: 900, creditBroughtForwardFen: 100 })
 * // { outputTaxFen: 1300, inputTaxFen: 900, creditBroughtForwardFen: 100, payableFen: 300, creditCarriedForwardFen: 0 }
 */
export function computeVatReturn(figures: ReturnFigures): VatReturnComputation {
  const general = figures.kind === 'general';
  const outputTaxFen = fen(figures.outputTaxFen);
  const inputTaxFen = fen(general ? figures.inputTaxFen : 0);
  const creditBroughtForwardFen = fen(general ? figures.creditBroughtForwardFen : 0);
  for (const [name, value] of Object.entries({ outputTaxFen, inputTaxFen, creditBroughtForwardFen })) {
    if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
  }
  const net = outputTaxFen - inputTaxFen - creditBroughtForwardFen;
  return {
    outputTaxFen,
    inputTaxFen,
    creditBroughtForwardFen,
    payableFen: fen(Math.max(net, 0)),
    creditCarriedForwardFen: fen(Math.max(-net, 0)),
  };
}

/**
 * The reference a return's payment carries to the treasury.
 *
 * @example
 * paymentReference('2024-05', '91350100M000100Y43') // 'VAT-2024-05-91350100M000100Y43'
 */
export function paymentReference(period: string, creditCode: string): string {
  return `VAT-${period}-${creditCode}`;
}
