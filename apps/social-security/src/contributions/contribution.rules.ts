import { err, type Fen, fen, mulRateHalfUp, ok, type Result } from '@egov/standards';
import { z } from 'zod';

/*
 * Contribution base and amounts for basic pension insurance (职工基本养老保险).
 * Figures marked (R) come from memory of public sources, not a checked text:
 * they are dated data here so they can be corrected in one place.
 */

/** A dated pair of contribution rates, each a decimal string applied to the base. */
export interface ContributionRates {
  /** First day in force, `YYYY-MM-DD`. */
  from: string;
  employer: string;
  employee: string;
  source: string;
}

/**
 * Pension contribution rates, newest last. The employer's rate was cut to
 * 16 % from 2019-05-01 (国办发〔2019〕13号, R); the employee's is 8 % (R). Set
 * nationally here; a province with another rate adds a dated row.
 */
export const CONTRIBUTION_RATES: readonly ContributionRates[] = [
  { from: '2019-05-01', employer: '0.16', employee: '0.08', source: '国办发〔2019〕13号 (R)' },
];

/**
 * The rates in force on `day` (`YYYY-MM-DD`), or why none are.
 *
 * @example
 * ratesOn('2026-01-01') // { ok: true, value: { employer: '0.16', employee: '0.08', ... } }
 */
export function ratesOn(
  day: string,
  table: readonly ContributionRates[] = CONTRIBUTION_RATES,
): Result<ContributionRates, 'no_rate'> {
  const found = table.filter((r) => r.from <= day).at(-1);
  return found
    ? ok(found)
    : err('no_rate', `no contribution rates are in force on ${day} (the table starts ${table[0]?.from})`);
}

/** The base is the declared wage clamped to [60 %, 300 %] of the local monthly average wage (R). */
export const BASE_FLOOR = '0.6';
export const BASE_CAP = '3';

/**
 * Default annual average wages, in fen, used where the province has set none
 * (marked `national-default` wherever shown). The national average of urban
 * non-private units (城镇非私营单位就业人员年平均工资, 国家统计局, R): 2023
 * 120,698 yuan, 2024 124,110 yuan. A province sets its own through
 * `wages.set` (marked `local`).
 */
export const DEFAULT_ANNUAL_AVERAGE_WAGE_FEN: Readonly<Record<number, number>> = {
  2023: 12_069_800,
  2024: 12_411_000,
};

/**
 * A declared monthly wage is at most 1,000,000 yuan (10^8 fen): far above
 * any real monthly wage, so a larger figure is a keying error, and far below
 * 2^53 fen, so every product stays exact.
 */
export const MAX_MONTHLY_WAGE_FEN = 100_000_000;

/**
 * A declared monthly wage in whole fen: `integer_fen`, `negative` (below
 * zero) and `implausible` (above {@link MAX_MONTHLY_WAGE_FEN}) are the rules
 * a 400 names. Zero is a wage (the base is then the floor).
 */
export const wageFenInput = z.number().transform((value, ctx): Fen => {
  const refuse = (rule: string, message: string) => {
    ctx.addIssue({ code: 'custom', message, params: { rule } });
    return z.NEVER;
  };
  if (!Number.isInteger(value)) return refuse('integer_fen', `a wage is whole fen (分), got ${value}`);
  if (value < 0) return refuse('negative', `a wage cannot be below zero, got ${value}`);
  if (value > MAX_MONTHLY_WAGE_FEN)
    return refuse(
      'implausible',
      `a monthly wage above ${MAX_MONTHLY_WAGE_FEN} fen (1,000,000 yuan) is not plausible`,
    );
  return fen(value);
});

/** The bounds of the base for a year's annual average wage, each rounded half-up to the fen. */
export interface BaseBounds {
  monthlyAverageFen: Fen;
  floorFen: Fen;
  capFen: Fen;
}

/**
 * @example
 * baseBounds(12_069_800) // { monthlyAverageFen: 1_005_817, floorFen: 603_490, capFen: 3_017_450 }
 */
export function baseBounds(annualAverageFen: number): BaseBounds {
  const monthlyAverageFen = mulRateHalfUp(annualAverageFen, { num: 1, den: 12 });
  return {
    monthlyAverageFen,
    floorFen: mulRateHalfUp(annualAverageFen, { num: 6, den: 120 }),
    capFen: mulRateHalfUp(annualAverageFen, { num: 3, den: 12 }),
  };
}

export interface Contribution {
  baseFen: Fen;
  employerFen: Fen;
  employeeFen: Fen;
  /** What the employee's part credits to the personal account (个人账户): all of it. */
  personalAccountFen: Fen;
}

/**
 * The contribution on one person's declared monthly wage: base clamped to
 * the bounds, then each rate applied once and rounded half-up to the fen.
 *
 * @example
 * contributionFor(800_000, baseBounds(12_069_800), ratesOn('2026-01-01').value)
 * // { baseFen: 800_000, employerFen: 128_000, employeeFen: 64_000, personalAccountFen: 64_000 }
 */
export function contributionFor(
  wageFen: number,
  bounds: Pick<BaseBounds, 'floorFen' | 'capFen'>,
  rates: Pick<ContributionRates, 'employer' | 'employee'>,
): Contribution {
  const baseFen = fen(Math.min(Math.max(wageFen, bounds.floorFen), bounds.capFen));
  const employeeFen = mulRateHalfUp(baseFen, rates.employee);
  return {
    baseFen,
    employerFen: mulRateHalfUp(baseFen, rates.employer),
    employeeFen,
    personalAccountFen: employeeFen,
  };
}

/**
 * A declaration month `YYYY-MM` is a real month and not after the current one (China time).
 *
 * @example
 * checkPeriod('2027-01', '2026-12-03') // { ok: false, part: 'in_future', ... }
 */
export function checkDeclarationPeriod(
  period: string,
  today: string,
): Result<string, 'format' | 'in_future'> {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m || Number(m[1]) < 1990) return err('format', `"${period}" is not a month (YYYY-MM, 1990 or later)`);
  if (period > today.slice(0, 7))
    return err('in_future', `cannot declare ${period} before it begins (today is ${today})`);
  return ok(period);
}

/**
 * A month's contributions are due by this day of the following month (R: set
 * locally; the 15th is common). From the day after, arrears (欠缴) accrue.
 */
export const DUE_DAY_OF_NEXT_MONTH = 15;

/** The late fee (滞纳金): 0.05 % of the arrears a day (Social Insurance Law art. 86). */
export const LATE_FEE_PER_DAY = '0.0005';

/**
 * The day a month's contributions are due.
 *
 * @example
 * dueOn('2026-12') // '2027-01-15'
 */
export function dueOn(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-${String(DUE_DAY_OF_NEXT_MONTH).padStart(2, '0')}`;
}

/** Calendar days from `from` to `to` (`YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The late fee on `arrearsFen` paid on `paidOn` for a month due on `due`:
 * every calendar day after the due day up to and including the day paid
 * costs 0.05 %, rounded once, half-up, to the fen. Nothing when paid on time.
 *
 * @example
 * lateFee(1_000_000, '2026-01-15', '2026-01-25') // { daysLate: 10, feeFen: 5_000 }
 */
export function lateFee(arrearsFen: number, due: string, paidOn: string): { daysLate: number; feeFen: Fen } {
  const daysLate = Math.max(0, daysBetween(due, paidOn));
  return { daysLate, feeFen: mulRateHalfUp(arrearsFen, { num: BigInt(daysLate) * 5n, den: 10_000n }) };
}
