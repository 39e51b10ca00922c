import { roundHalfUp } from '@egov/standards';

/**
 * Prudential ratios of a commercial bank and the thresholds that raise alerts.
 *
 * Ratios are exact: each is a fraction of two fen amounts (bigint), compared
 * with a threshold given as a decimal percentage by cross-multiplication, and
 * shown as a percentage rounded half-up to four decimals only for display.
 */
export const prudentialMetrics = ['core_tier1', 'tier1', 'capital_adequacy', 'liquidity_coverage'] as const;
export type PrudentialMetric = (typeof prudentialMetrics)[number];

/** A threshold pair in percent, as decimal strings: below `minimum` is a breach, below `warning` a warning. */
export interface Threshold {
  minimum: string;
  warning: string;
  effectiveFrom: string;
  source: string;
}

/**
 * National defaults (R: figures from memory of the public texts, to be checked
 * against the gazette; a regulator's change is entered as dated configuration
 * with `thresholds.set`, which wins from its date):
 *
 * - Capital: 商业银行资本管理办法 (Capital Rules for Commercial Banks), issued in
 *   2023 by the National Financial Regulatory Administration (国家金融监督管理总局令
 *   2023年第4号; NFRA took over the CBIRC's remit in 2023), in force 2024-01-01:
 *   minimum core tier 1 capital ratio 5 %, tier 1 6 %, total capital 8 % of
 *   risk-weighted assets, plus a capital conservation buffer of 2.5 % of
 *   risk-weighted assets in core tier 1 capital. So a ratio under the minimum is
 *   a breach and one under minimum + buffer (7.5 / 8.5 / 10.5 %) a warning.
 *   Systemically important banks' extra buffers are not modelled.
 * - Liquidity: 商业银行流动性风险管理办法 (中国银保监会令2018年第3号), in force
 *   2018-07-01: liquidity coverage ratio (HQLA / net cash outflows over the next
 *   30 days) not below 100 %; no buffer above it, so warning = minimum.
 */
export const NATIONAL_DEFAULT_THRESHOLDS: Record<PrudentialMetric, Threshold> = {
  core_tier1: {
    minimum: '5',
    warning: '7.5',
    effectiveFrom: '2024-01-01',
    source: '商业银行资本管理办法 (NFRA Order 2023 No. 4): minimum 5 %, + 2.5 % conservation buffer',
  },
  tier1: {
    minimum: '6',
    warning: '8.5',
    effectiveFrom: '2024-01-01',
    source: '商业银行资本管理办法 (NFRA Order 2023 No. 4): minimum 6 %, + 2.5 % conservation buffer',
  },
  capital_adequacy: {
    minimum: '8',
    warning: '10.5',
    effectiveFrom: '2024-01-01',
    source: '商业银行资本管理办法 (NFRA Order 2023 No. 4): minimum 8 %, + 2.5 % conservation buffer',
  },
  liquidity_coverage: {
    minimum: '100',
    warning: '100',
    effectiveFrom: '2018-07-01',
    source: '商业银行流动性风险管理办法 (CBIRC Order 2018 No. 3): LCR not below 100 %',
  },
};

/** What a bank reports for a quarter, in fen (integers as bigint). */
export interface PrudentialFigures {
  coreTier1Capital: bigint;
  tier1Capital: bigint;
  totalCapital: bigint;
  riskWeightedAssets: bigint;
  highQualityLiquidAssets: bigint;
  netCashOutflows30d: bigint;
}

export interface Fraction {
  num: bigint;
  den: bigint;
}

/** The four ratios as exact fractions. */
export function ratios(f: PrudentialFigures): Record<PrudentialMetric, Fraction> {
  return {
    core_tier1: { num: f.coreTier1Capital, den: f.riskWeightedAssets },
    tier1: { num: f.tier1Capital, den: f.riskWeightedAssets },
    capital_adequacy: { num: f.totalCapital, den: f.riskWeightedAssets },
    liquidity_coverage: { num: f.highQualityLiquidAssets, den: f.netCashOutflows30d },
  };
}

/** A decimal percentage string as a fraction of one: '7.5' -> 75/1000. */
export function percent(text: string): Fraction {
  const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  if (!m) throw new RangeError(`a percentage is up to 3 digits and 4 decimals, got "${text}"`);
  const frac = m[2] ?? '';
  return { num: BigInt(m[1]! + frac), den: 100n * 10n ** BigInt(frac.length) };
}

/** -1, 0 or 1 as a < b, a = b, a > b (denominators positive). */
export function compare(a: Fraction, b: Fraction): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A fraction as a percentage with four decimals, half-up: 1/3 -> '33.3333'. */
export function formatPercent(f: Fraction): string {
  const scaled = roundHalfUp(f.num * 1_000_000n, f.den);
  const sign = scaled < 0n ? '-' : '';
  const abs = (scaled < 0n ? -scaled : scaled).toString().padStart(5, '0');
  return `${sign}${abs.slice(0, -4)}.${abs.slice(-4)}`;
}

export type AlertLevel = 'breach' | 'warning';

/** The alert a ratio raises against its threshold, if any: strictly below the minimum is a breach. */
export function alertFor(
  ratio: Fraction,
  threshold: Pick<Threshold, 'minimum' | 'warning'>,
): AlertLevel | null {
  if (compare(ratio, percent(threshold.minimum)) < 0) return 'breach';
  if (compare(ratio, percent(threshold.warning)) < 0) return 'warning';
  return null;
}

/**
 * The capital figures must nest (core tier 1 <= tier 1 <= total capital) and
 * the denominators be positive; the field that breaks the rule, or null.
 */
export function checkFigures(
  f: PrudentialFigures,
): { field: keyof PrudentialFigures; rule: string; message: string } | null {
  if (f.riskWeightedAssets <= 0n)
    return {
      field: 'riskWeightedAssets',
      rule: 'positive',
      message: 'risk-weighted assets must be positive',
    };
  if (f.netCashOutflows30d <= 0n)
    return { field: 'netCashOutflows30d', rule: 'positive', message: 'net cash outflows must be positive' };
  if (f.coreTier1Capital > f.tier1Capital)
    return {
      field: 'tier1Capital',
      rule: 'capital_nesting',
      message: 'tier 1 capital includes core tier 1 capital, so it cannot be smaller',
    };
  if (f.tier1Capital > f.totalCapital)
    return {
      field: 'totalCapital',
      rule: 'capital_nesting',
      message: 'total capital includes tier 1 capital, so it cannot be smaller',
    };
  return null;
}

/** `2025Q3` -> its last day, `2025-09-30`. */
export function quarterEnd(quarter: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`a quarter is YYYYQn, got "${quarter}"`);
  const q = Number(m[2]);
  return `${m[1]}-${['03-31', '06-30', '09-30', '12-31'][q - 1]}`;
}
