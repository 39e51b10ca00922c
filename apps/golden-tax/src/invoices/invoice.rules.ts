import { type Fen, fen, mulRateHalfUp } from '@egov/standards';
import { rateFor, type SupplyCategory, sameRate, type TaxpayerKind } from '../rates/vat-rates.ts';

/*
 * Fully digital e-invoice numbers (全电发票号码) are 20 digits: the year of
 * issue (2), the provincial tax bureau (2), the issuing channel (1) and a
 * serial (15) that runs per year and bureau.
 */

/**
 * The channel digit of invoices issued through this platform's e-invoice
 * service. The meaning of the real channel codes is not public in detail;
 * '1' is this platform's choice (R).
 */
export const PLATFORM_CHANNEL = '1';

/** The largest 15-digit serial. */
export const MAX_SERIAL = 999_999_999_999_999;

export interface InvoiceNumberParts {
  /** Last two digits of the year of issue. */
  year: string;
  /** The provincial bureau, the province digits of the seller's division. */
  bureau: string;
  channel: string;
  serial: number;
}

/**
 * Builds the 20-digit number.
 *
 * @throws RangeError on parts of the wrong shape (a bug, never user input).
 * @example
 * composeInvoiceNumber({ year: '24', bureau: '35', channel: '1', serial: 42 }) // '24351000000000000042'
 */
export function composeInvoiceNumber(parts: InvoiceNumberParts): string {
  const { year, bureau, channel, serial } = parts;
  if (!/^\d{2}$/.test(year) || !/^\d{2}$/.test(bureau) || !/^\d$/.test(channel)) {
    throw new RangeError(`bad invoice number parts: ${JSON.stringify(parts)}`);
  }
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
    throw new RangeError(`invoice serial out of range: ${serial}`);
  }
  return `${year}${bureau}${channel}${String(serial).padStart(15, '0')}`;
}

/**
 * Splits a 20-digit number into its parts, or undefined if it is not 20 digits.
 *
 * @example
 * invoiceNumberParts('24351000000000000042') // { year: '24', bureau: '35', channel: '1', serial: 42 }
 */
export function invoiceNumberParts(number: string): InvoiceNumberParts | undefined {
  const m = /^(\d{2})(\d{2})(\d)(\d{15})$/.exec(number);
  if (!m) return undefined;
  return { year: m[1]!, bureau: m[2]!, channel: m[3]!, serial: Number(m[4]) };
}

/**
 * The year digits of an issue date.
 *
 * @example
 * yearCode('2024-05-01') // '24'
 */
export function yearCode(issuedOn: string): string {
  return issuedOn.slice(2, 4);
}

export interface InvoiceLineInput {
  description: string;
  category: SupplyCategory;
  /** A positive decimal string, e.g. '2.5'. */
  quantity: string;
  /** Unit price before VAT, in fen. */
  unitPriceFen: number;
  /** The rate the issuer states, a decimal string such as '0.13'. */
  rate: string;
}

export interface PricedLine extends InvoiceLineInput {
  lineNo: number;
  amountFen: Fen;
  taxFen: Fen;
}

export interface PricedInvoice {
  lines: PricedLine[];
  amountFen: Fen;
  taxFen: Fen;
  totalFen: Fen;
}

/** A refusal naming the input field (dotted path) and the rule. */
export interface PricingProblem {
  field: string;
  rule: 'no_rate' | 'wrong_rate' | 'zero_amount' | 'too_large';
  message: string;
}

/** The largest invoice total (价税合计) accepted: just under 10^15 fen, so every sum stays a safe integer. */
export const MAX_INVOICE_FEN = 999_999_999_999_999;

/**
 * Prices an invoice: for each line amount = unit price × quantity and
 * tax = amount × rate, each rounded half-up to the fen once (standards'
 * `mulRateHalfUp`); totals are the sums of the lines (合计金额, 合计税额) and
 * their sum (价税合计). Every line's rate must be the dated table's rate for
 * the seller's kind and the line's category on the issue date; the first
 * line that is not is refused as `wrong_rate`, naming the expected rate.
 *
 * @example
 * priceInvoice([{ description: '数控机床', category: 'goods', quantity: '2', unitPriceFen: 1_000_000, rate: '0.13' }], 'general', '2024-05-01')
 * // { ok: true, value: { amountFen: 2_000_000, taxFen: 260_000, totalFen: 2_260_000, lines: [...] } }
 */
export function priceInvoice(
  lines: readonly InvoiceLineInput[],
  kind: TaxpayerKind,
  issuedOn: string,
): { ok: true; value: PricedInvoice } | { ok: false; problem: PricingProblem } {
  const refuse = (field: string, rule: PricingProblem['rule'], message: string) =>
    ({ ok: false, problem: { field, rule, message } }) as const;
  const priced: PricedLine[] = [];
  let amountSum = 0;
  let taxSum = 0;
  for (const [i, line] of lines.entries()) {
    const expected = rateFor(kind, line.category, issuedOn);
    if (expected === undefined) {
      return refuse(
        'issuedOn',
        'no_rate',
        `no VAT rate is known for ${issuedOn}: the rate table starts later`,
      );
    }
    if (!sameRate(line.rate, expected)) {
      return refuse(
        `lines.${i}.rate`,
        'wrong_rate',
        `line ${i + 1}: rate ${line.rate} is wrong for ${line.category} supplied by a ${kind} taxpayer on ${issuedOn}: the rate is ${expected}`,
      );
    }
    let amountFen: Fen;
    try {
      amountFen = mulRateHalfUp(line.unitPriceFen, line.quantity);
    } catch {
      amountFen = fen(MAX_INVOICE_FEN + 1); // beyond the safe range: refused just below
    }
    if (amountFen === 0) {
      return refuse(`lines.${i}.quantity`, 'zero_amount', `line ${i + 1}: the amount rounds to 0.00`);
    }
    if (amountFen > MAX_INVOICE_FEN) {
      return refuse(`lines.${i}.quantity`, 'too_large', `line ${i + 1}: the amount is too large`);
    }
    const taxFen = mulRateHalfUp(amountFen, expected);
    amountSum += amountFen;
    taxSum += taxFen;
    if (amountSum + taxSum > MAX_INVOICE_FEN) {
      return refuse(`lines.${i}.quantity`, 'too_large', 'the invoice total exceeds the largest accepted');
    }
    priced.push({ ...line, rate: expected, lineNo: i + 1, amountFen, taxFen });
  }
  return {
    ok: true,
    value: {
      lines: priced,
      amountFen: fen(amountSum),
      taxFen: fen(taxSum),
      totalFen: fen(amountSum + taxSum),
    },
  };
}

/**
 * Writes a positive quantity canonically (no leading zeros, no trailing
 * fractional zeros), or undefined if it is not a positive decimal of at most
 * 9 integer and 6 fractional digits.
 *
 * @example
 * normaliseQuantity('002.500') // '2.5'
 * normaliseQuantity('0') // undefined
 */
export function normaliseQuantity(value: string): string | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(value);
  if (!m) return undefined;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (/^0$/.test(whole) && frac === '') return undefined;
  return frac ? `${whole}.${frac}` : whole;
}
