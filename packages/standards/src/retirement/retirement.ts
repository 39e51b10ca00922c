/**
 * The statutory retirement age after the gradual raise decided by the
 * Standing Committee of the National People's Congress on 13 September 2024
 * (全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定) and the
 * State Council's measures annexed to it, in force from 1 January 2025:
 *
 * - men: from 60, one month later for every four months of birth from
 *   January 1965, to 63;
 * - women with an original age of 55 (cadres, 女干部): from 55, one month
 *   later for every four months of birth from January 1970, to 58;
 * - women with an original age of 50 (workers, 女工人): from 50, one month
 *   later for every two months of birth from January 1975, to 55;
 * - the minimum contribution period for a monthly basic pension: 15 years
 *   until 2029, then six months more each year from 2030 to 20 years in 2039.
 *
 * Voluntary early or late retirement (弹性退休, up to three years either
 * way) needs the insured person's own application and is not modelled here.
 */
export type RetirementCategory = 'male' | 'female-cadre' | 'female-worker';

interface Rule {
  originalYears: number;
  /** The first birth month (year, month 1-12) whose retirement is delayed. */
  fromYear: number;
  /** Months of birth per month of delay. */
  every: number;
  maxDelayMonths: number;
}

const RULES: Record<RetirementCategory, Rule> = {
  male: { originalYears: 60, fromYear: 1965, every: 4, maxDelayMonths: 36 },
  'female-cadre': { originalYears: 55, fromYear: 1970, every: 4, maxDelayMonths: 36 },
  'female-worker': { originalYears: 50, fromYear: 1975, every: 2, maxDelayMonths: 60 },
};

/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;

export interface RetirementAge {
  /** The statutory age as years and months (60 years 1 month: `{ years: 60, months: 1 }`). */
  years: number;
  months: number;
  /** Months later than the original age. */
  delayMonths: number;
  /** The month in which the statutory age is reached. */
  retirementMonth: YearMonth;
  /** The minimum contribution period for a monthly pension, in months, by the retirement year. */
  minimumContributionMonths: number;
}

function parseYearMonth(value: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12)
    throw new RangeError(`a birth date must be YYYY-MM or YYYY-MM-DD, got "${value}"`);
  return { year, month };
}

function format(index: number): YearMonth {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The minimum contribution period, in months, for someone who reaches the
 * statutory age in `year`: 180 until 2029, then 6 more a year to 240 in 2039.
 */
export function minimumContributionMonths(year: number): number {
  return 180 + Math.min(10, Math.max(0, year - 2029)) * 6;
}

/**
 * The statutory retirement age and month for someone born in `birth`
 * (`YYYY-MM` or `YYYY-MM-DD`; only the month counts).
 *
 * @example
 * statutoryRetirement('1965-05-20', 'male')
 * // { years: 60, months: 2, delayMonths: 2, retirementMonth: '2025-07', minimumContributionMonths: 180 }
 */
export function statutoryRetirement(birth: string, category: RetirementCategory): RetirementAge {
  const rule = RULES[category];
  const { year, month } = parseYearMonth(birth);
  const monthsFromStart = (year - rule.fromYear) * 12 + (month - 1);
  const delayMonths =
    monthsFromStart < 0 ? 0 : Math.min(rule.maxDelayMonths, Math.floor(monthsFromStart / rule.every) + 1);
  const ageMonths = rule.originalYears * 12 + delayMonths;
  const retirementIndex = year * 12 + (month - 1) + ageMonths;
  const retirementMonth = format(retirementIndex);
  return {
    years: Math.floor(ageMonths / 12),
    months: ageMonths % 12,
    delayMonths,
    retirementMonth,
    minimumContributionMonths: minimumContributionMonths(Math.floor(retirementIndex / 12)),
  };
}

export type PensionEligibility =
  | { eligible: true; retirementMonth: YearMonth }
  | { eligible: false; rule: 'before_statutory_age' | 'contribution_too_short'; message: string };

/**
 * Whether a monthly basic pension may start in `month`: the statutory age is
 * reached and the contribution period is at least the minimum of that year.
 *
 * @example
 * pensionEligibility({ birth: '1965-01', category: 'male', contributionMonths: 200, month: '2025-02' })
 * // { eligible: true, retirementMonth: '2025-02' }
 */
export function pensionEligibility(input: {
  birth: string;
  category: RetirementCategory;
  contributionMonths: number;
  month: YearMonth;
}): PensionEligibility {
  const age = statutoryRetirement(input.birth, input.category);
  parseYearMonth(input.month);
  if (input.month < age.retirementMonth)
    return {
      eligible: false,
      rule: 'before_statutory_age',
      message: `the statutory retirement month is ${age.retirementMonth} (age ${age.years} years ${age.months} months), not ${input.month}`,
    };
  if (input.contributionMonths < age.minimumContributionMonths)
    return {
      eligible: false,
      rule: 'contribution_too_short',
      message: `${input.contributionMonths} months contributed; ${age.minimumContributionMonths} are needed on retiring in ${age.retirementMonth.slice(0, 4)}`,
    };
  return { eligible: true, retirementMonth: age.retirementMonth };
}
