/**
 * How derived figures are computed (国家统计局's usual definitions), all in PostgreSQL `numeric`, exact
 * until the one final rounding, half away from zero, to {@link DERIVED_SCALE} decimals:
 * - `yoy` 同比 (%): (x_t / x_{t-1 year} − 1) × 100
 * - `pop` 环比 (%): (x_t / x_{t-1 period} − 1) × 100
 * - `index` 定基指数 (base period = 100): x_t / x_base × 100
 * - `cum_yoy` 1-N月累计同比 (%), monthly indicators: (Σ x_{Jan..N} / Σ x_{Jan..N of last year} − 1) × 100,
 *   computed only when all N months of both years are kept
 * - `share` 比重 (%): x / whole × 100, the whole being the same indicator over all industries (for a figure
 *   of one industry) or the parent indicator (for a total)
 * A figure whose denominator is missing or zero is not computed (absent, never 0).
 */
export const DERIVED_SCALE = 2;

export const MEASURES = ['yoy', 'pop', 'index', 'cum_yoy', 'share'] as const;

export const MEASURE_NAMES: Record<(typeof MEASURES)[number], string> = {
  yoy: '同比增长 year on year (%)',
  pop: '环比增长 period on period (%)',
  index: '定基指数 fixed-base index (base = 100)',
  cum_yoy: '累计同比 cumulative year to date, year on year (%)',
  share: '比重 share (%)',
};
