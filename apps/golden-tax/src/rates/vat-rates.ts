import { ratio } from '@egov/standards';

/*
 * VAT rates (增值税税率) and the small-scale levy rate (征收率): ONE dated table,
 * as data. Every rate an invoice line may carry is looked up here, nowhere
 * else. A change of law is a new band appended below with its first day, so
 * invoices dated before it keep the rates of their day.
 *
 * (R) marks figures written from memory of public sources rather than checked
 * against the text; correct them here, in one place, and the tests that pin
 * the table will say what changed.
 *
 * Not modelled (on purpose, so a line carrying them is refused as a wrong rate):
 * - the temporary small-scale reductions to 1 % (and 0 % / exemptions) of
 *   2020-2027 (e.g. 财政部 税务总局公告2023年第19号: 1 % until 2027-12-31) (R);
 *   they are elections of the taxpayer, not the statutory rate;
 * - simplified-method rates of general taxpayers (简易计税 3 % / 5 %), the 2 %
 *   rate on used goods, the 1.5 % on individuals' housing rentals;
 * - zero rates and exemptions (exports, cross-border services);
 * - bands before 2018-05-01 (17 / 11 / 6 from 2017-07-01, earlier 17 / 13 / 11 / 6):
 *   an invoice dated before the table's first day is refused (`no_rate`).
 */

export type TaxpayerKind = 'general' | 'small-scale';

/** What is supplied, as far as the rate depends on it (a line's `category`). */
export const supplyCategories = {
  goods: '销售货物 sale of goods (other than the low-rate goods below)',
  'processing-repair': '加工修理修配劳务 processing, repair and replacement services',
  'movable-leasing': '有形动产租赁服务 leasing of tangible movable property',
  'specified-goods':
    '低税率货物 agricultural products, tap water, heating, gas, books, feed, fertiliser, pesticides, farm machinery …',
  transport: '交通运输服务 transport services',
  postal: '邮政服务 postal services',
  'basic-telecom': '基础电信服务 basic telecommunications',
  construction: '建筑服务 construction services',
  'real-property': '不动产租赁、销售不动产 leasing and sale of real property',
  'land-use-rights': '转让土地使用权 transfer of land-use rights',
  'value-added-telecom': '增值电信服务 value-added telecommunications',
  financial: '金融服务 financial services',
  'modern-services': '现代服务 modern services (other than leasing)',
  'life-services': '生活服务 life services (catering, accommodation, education, health …)',
  'intangible-assets': '销售无形资产 sale of intangible assets (other than land-use rights)',
} as const;

export type SupplyCategory = keyof typeof supplyCategories;

export const supplyCategoryCodes = Object.keys(supplyCategories) as [SupplyCategory, ...SupplyCategory[]];

/** The rates in force from `since` (inclusive) until the next band's `since`. */
export interface RateBand {
  /** First day, `YYYY-MM-DD`. */
  since: string;
  /** The instrument that set these rates. */
  source: string;
  /** True when the figures are from memory (R) and not yet checked against the text. */
  remembered: boolean;
  /** General taxpayers (一般纳税人): the VAT rate by category, a decimal string. */
  general: Readonly<Record<SupplyCategory, string>>;
  /** Small-scale taxpayers (小规模纳税人): the levy rate by category, no input deduction. */
  smallScale: Readonly<Record<SupplyCategory, string>>;
}

function band(high: string, low: string, services: string): Record<SupplyCategory, string> {
  return {
    goods: high,
    'processing-repair': high,
    'movable-leasing': high,
    'specified-goods': low,
    transport: low,
    postal: low,
    'basic-telecom': low,
    construction: low,
    'real-property': low,
    'land-use-rights': low,
    'value-added-telecom': services,
    financial: services,
    'modern-services': services,
    'life-services': services,
    'intangible-assets': services,
  };
}

/** Small-scale levy rate: 3 % for everything except real property, 5 % (R) (财税〔2016〕36号). */
const smallScale: Record<SupplyCategory, string> = {
  ...band('0.03', '0.03', '0.03'),
  'real-property': '0.05',
};

/** THE table, oldest band first. */
export const vatRateTable: readonly RateBand[] = Object.freeze([
  {
    since: '2018-05-01',
    source: '财税〔2018〕32号: 17 % -> 16 %, 11 % -> 10 % (R)',
    remembered: true,
    general: band('0.16', '0.10', '0.06'),
    smallScale,
  },
  {
    since: '2019-04-01',
    source: '财政部 税务总局 海关总署公告2019年第39号: 16 % -> 13 %, 10 % -> 9 %',
    remembered: true,
    general: band('0.13', '0.09', '0.06'),
    smallScale,
  },
]);

/**
 * The band in force on `date` (`YYYY-MM-DD`), or undefined before the table starts.
 *
 * @example
 * rateBandOn('2019-03-31')?.general.goods // '0.16'
 */
export function rateBandOn(date: string, table: readonly RateBand[] = vatRateTable): RateBand | undefined {
  let found: RateBand | undefined;
  for (const b of table) if (b.since <= date) found = b;
  return found;
}

/**
 * The rate a taxpayer of `kind` must charge on a supply of `category` on
 * `date`, as a decimal string; undefined before the table's first day.
 *
 * @example
 * rateFor('general', 'goods', '2024-05-01') // '0.13'
 * rateFor('general', 'transport', '2019-03-31') // '0.10'
 * rateFor('small-scale', 'modern-services', '2024-05-01') // '0.03'
 */
export function rateFor(kind: TaxpayerKind, category: SupplyCategory, date: string): string | undefined {
  const b = rateBandOn(date);
  if (!b) return undefined;
  return kind === 'general' ? b.general[category] : b.smallScale[category];
}

/**
 * Whether two decimal rate strings are the same number ('0.13' and '0.130' are).
 *
 * @example
 * sameRate('0.09', '0.090') // true
 */
export function sameRate(a: string, b: string): boolean {
  const x = ratio(a);
  const y = ratio(b);
  return x.num === y.num && x.den === y.den;
}
