import { type Fen, fen } from '@egov/standards';

/*
 * The monthly basic pension of an employee who retires, after the State
 * Council's decision on improving the basic pension insurance of enterprise
 * employees (国务院关于完善企业职工基本养老保险制度的决定, 国发〔2005〕38号),
 * section 6:
 *
 *   basic pension (基础养老金) = (the province's average monthly wage of
 *     employees in the previous year + the person's indexed average monthly
 *     contribution wage) / 2 x years of contribution x 1 %, where the indexed
 *     wage = that average wage x the person's average contribution index;
 *   personal-account pension (个人账户养老金) = the personal account balance /
 *     the months divisor (计发月数) for the age at retirement (the table annexed
 *     to the decision, below).
 *
 * Amounts are integer fen, half-up once at the end of each part.
 */

/**
 * 计发月数: the divisor of the personal account by age at retirement in
 * whole years, the table annexed to 国发〔2005〕38号 (ages 40 to 70). The
 * 2024 decision on raising the retirement age (全国人大常委会关于实施渐进式延迟
 * 法定退休年龄的决定 and its measures) changes the ages, not this table; for
 * an age in years and months (60 years 3 months) this app reads the row of
 * the completed years (60: 139). That reading is ours (R): a province that
 * interpolates by month would change `accountDivisor` alone.
 */
export const ACCOUNT_MONTHS_DIVISOR: Readonly<Record<number, number>> = {
  40: 233,
  41: 230,
  42: 226,
  43: 223,
  44: 220,
  45: 216,
  46: 212,
  47: 207,
  48: 204,
  49: 199,
  50: 195,
  51: 190,
  52: 185,
  53: 180,
  54: 175,
  55: 170,
  56: 164,
  57: 158,
  58: 152,
  59: 145,
  60: 139,
  61: 132,
  62: 125,
  63: 117,
  64: 109,
  65: 101,
  66: 93,
  67: 84,
  68: 75,
  69: 65,
  70: 56,
};

/**
 * The months divisor for an age at retirement.
 *
 * @example
 * accountDivisor({ years: 60, months: 3 }) // 139
 * accountDivisor({ years: 55, months: 0 }) // 170
 */
export function accountDivisor(age: { years: number; months: number }): number {
  const divisor = ACCOUNT_MONTHS_DIVISOR[age.years];
  if (divisor === undefined) throw new RangeError(`no months divisor for an age of ${age.years} years`);
  return divisor;
}

/** The age reached in `month` (`YYYY-MM`) by someone born in `birth` (`YYYY-MM-DD`), in whole years and months. */
export function ageInMonth(birth: string, month: string): { years: number; months: number } {
  const total =
    (Number(month.slice(0, 4)) - Number(birth.slice(0, 4))) * 12 +
    (Number(month.slice(5, 7)) - Number(birth.slice(5, 7)));
  return { years: Math.floor(total / 12), months: total % 12 };
}

/** One contribution month: its base and the annual average wage it was declared against. */
export interface ContributionMonth {
  baseFen: number;
  annualAverageFen: number;
}

/** Four decimals: the index is kept to 0.0001 (R: how provinces round it; the decision states no precision). */
export const INDEX_SCALE = 10_000n;

/**
 * The average contribution index (平均缴费指数) to four decimals, half-up,
 * in ten-thousandths: the mean over the months of base / that year's
 * average monthly wage (annual / 12). Exact: computed in bigint over a common
 * denominator of each month's own fraction, then rounded once.
 *
 * @example
 * averageIndexBp([{ baseFen: 1_034_250, annualAverageFen: 12_411_000 }]) // 10000 (1.0000)
 */
export function averageIndexBp(months: readonly ContributionMonth[]): number {
  if (months.length === 0) return 0;
  // sum of 12 * base / annual, as a fraction num / den with den = product of the distinct annual figures.
  const annuals = [...new Set(months.map((m) => m.annualAverageFen))].map(BigInt);
  const den = annuals.reduce((p, a) => p * a, 1n);
  const num = months.reduce((s, m) => s + (12n * BigInt(m.baseFen) * den) / BigInt(m.annualAverageFen), 0n);
  // mean x 10,000, half-up: (num * 10000 * 2 + den * n) / (2 * den * n)
  const n = BigInt(months.length);
  return Number((num * INDEX_SCALE * 2n + den * n) / (2n * den * n));
}

/** Half-up division of non-negative bigints. */
function divHalfUp(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

/**
 * The monthly basic pension: (W + W x I) / 2 x (months / 12) x 1 %, with W the
 * previous year's average monthly wage (annual / 12) and I the average index.
 *
 * @example
 * // W 10,342.50 yuan (annual 124,110), index 1.0000, 15 years: 1,551.375 -> 1,551.38 yuan
 * basicPensionFen({ previousYearAnnualAverageFen: 12_411_000, averageIndexBp: 10_000, contributionMonths: 180 }) // 155138
 */
export function basicPensionFen(input: {
  previousYearAnnualAverageFen: number;
  averageIndexBp: number;
  contributionMonths: number;
}): Fen {
  // annual/12 x (1 + I) / 2 x months/12 / 100 = annual x (10000 + Ibp) x months / (12 x 2 x 12 x 100 x 10000)
  const numerator =
    BigInt(input.previousYearAnnualAverageFen) *
    (INDEX_SCALE + BigInt(input.averageIndexBp)) *
    BigInt(input.contributionMonths);
  return fen(Number(divHalfUp(numerator, 12n * 2n * 12n * 100n * INDEX_SCALE)));
}

/**
 * The monthly personal-account pension: balance / divisor, half-up.
 *
 * @example
 * accountPensionFen(13_900_000, 139) // 100000 (1,000.00 yuan)
 */
export function accountPensionFen(balanceFen: bigint | number, divisor: number): Fen {
  return fen(Number(divHalfUp(BigInt(balanceFen), BigInt(divisor))));
}

export interface PensionAward {
  averageIndexBp: number;
  divisor: number;
  basicFen: Fen;
  accountFen: Fen;
  monthlyFen: Fen;
}

/**
 * The whole award: both parts and their sum.
 *
 * @example
 * awardPension({ birth: '1965-01-10', firstMonth: '2025-02', months, previousYearAnnualAverageFen: 12_411_000, accountBalanceFen: 13_900_000n })
 */
export function awardPension(input: {
  birth: string;
  /** The first month paid (the month after the statutory age is reached, or later). */
  firstMonth: string;
  months: readonly ContributionMonth[];
  previousYearAnnualAverageFen: number;
  accountBalanceFen: bigint;
}): PensionAward {
  const averageIndex = averageIndexBp(input.months);
  const divisor = accountDivisor(ageInMonth(input.birth, input.firstMonth));
  const basicFen = basicPensionFen({
    previousYearAnnualAverageFen: input.previousYearAnnualAverageFen,
    averageIndexBp: averageIndex,
    contributionMonths: input.months.length,
  });
  const accountFen = accountPensionFen(input.accountBalanceFen, divisor);
  return {
    averageIndexBp: averageIndex,
    divisor,
    basicFen,
    accountFen,
    monthlyFen: fen(basicFen + accountFen),
  };
}

/**
 * The months after a death for which a pension is not due: it is paid to the
 * end of the month of death and stops from the next (R: the common reading of
 * the 2005 decision's practice, 死亡次月停发).
 *
 * @example
 * monthsAfterDeath('2026-10-15', ['2026-10', '2026-11', '2026-12']) // ['2026-11', '2026-12']
 */
export function monthsAfterDeath(diedOn: string, months: readonly string[]): string[] {
  const deathMonth = diedOn.slice(0, 7);
  return months.filter((m) => m > deathMonth);
}
