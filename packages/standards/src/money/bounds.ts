import { z } from 'zod';
import type { Fen } from './fen.ts';

/**
 * Upper bounds on single amounts, per kind of field, in fen. A bound is a
 * statement about the domain, not about the number type: each is far above
 * any real amount of its kind and far below 2^53 − 1 fen (about 90 trillion
 * yuan), so a bounded amount is always an exact JavaScript number and a
 * bounded product stays one. Sums of many amounts (ledger totals, balances)
 * can still pass 2^53 over the years and are computed in bigint / SQL
 * `numeric` and served as decimal strings (`FenTotal`), never as numbers.
 *
 * Scale for the reasoning: the national general public budget revenue of
 * China for the whole of 2023 was 21.68 trillion yuan, about 2.2 × 10^15 fen
 * (Ministry of Finance, 2023年财政收支情况, January 2024).
 */
export const AMOUNT_BOUNDS_FEN = {
  /**
   * One treasury receipt or expected item (a tax, a duty, a fine): at most
   * 100 billion yuan (10^13 fen), above any single payment of a year's tax
   * by the largest taxpayer, and 1/200 of a year's national revenue.
   */
  treasuryItem: 10_000_000_000_000,
  /** One appropriation to one budget unit for one economic class and year: at most 100 billion yuan. */
  appropriation: 10_000_000_000_000,
  /** One payment request: at most 100 billion yuan, and never above its appropriation (checked apart). */
  payment: 10_000_000_000_000,
  /**
   * The customs value (完税价格) of one declaration line: at most 10 billion
   * yuan (10^12 fen), ten times a laden VLCC of crude oil (about 2 million
   * barrels, near 1 billion yuan). With at most 50 lines and the highest
   * tariff rates, a declaration's duty and taxes stay below 2^53 fen.
   */
  customsLineValue: 1_000_000_000_000,
  /**
   * One bank transaction reported to the anti-money-laundering monitor, in
   * minor units of its currency (fen, US cents): at most 10^13, which is 100
   * billion yuan or 100 billion US dollars; a single transfer beyond that is
   * a data error, and 5,000 of them still sum far below 2^53.
   */
  transaction: 10_000_000_000_000,
} as const satisfies Record<string, number>;

export type AmountKind = keyof typeof AMOUNT_BOUNDS_FEN;

/**
 * A positive amount in whole fen within the bound of its kind. Rules (the
 * `rule` a 400 names): zod's `type` for a non-number, then `integer_fen`,
 * `positive`, `max_amount`.
 *
 * @example
 * boundedFenSchema('treasuryItem').parse(1_250_000) // 1250000 (12,500.00 yuan)
 * boundedFenSchema('treasuryItem').safeParse(2 ** 53).error?.issues[0]?.params // { rule: 'max_amount' }
 */
export function boundedFenSchema(kind: AmountKind) {
  const max = AMOUNT_BOUNDS_FEN[kind];
  return z.number().transform((value, ctx): Fen => {
    const refuse = (rule: string, message: string) => {
      ctx.addIssue({ code: 'custom', message, params: { rule } });
      return z.NEVER;
    };
    if (!Number.isInteger(value)) return refuse('integer_fen', `amount must be whole fen (分), got ${value}`);
    if (value <= 0) return refuse('positive', `amount must be positive, got ${value}`);
    if (value > max) {
      return refuse('max_amount', `amount ${value} fen is above the bound of ${max} fen for one ${kind}`);
    }
    return value as Fen;
  });
}

/**
 * A sum of fen amounts that may exceed 2^53 (a ledger total, a balance),
 * as a decimal integer string: what the API serves for totals, exactly.
 */
export type FenTotal = string;

const INTEGER = /^-?\d+$/;

/** The zod schema of a {@link FenTotal} in an API's output. */
export const fenTotalSchema = z.string().regex(INTEGER, 'a fen total is a decimal integer string');

/**
 * Reads a sum as the drivers return it (int8 or numeric: string, number or
 * bigint; null for an empty sum) into an exact bigint.
 *
 * @throws RangeError on anything but an integer (an unsafe number included: it lost digits already).
 * @example
 * fenTotal('90071992547409930') // 90071992547409930n
 */
export function fenTotal(value: string | number | bigint | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an exact fen amount: ${value}`);
    return BigInt(value);
  }
  if (!INTEGER.test(value)) throw new RangeError(`not a fen amount: ${value}`);
  return BigInt(value);
}
