import { err, ok, type Result } from '@egov/standards';

export type Frequency = 'monthly' | 'quarterly' | 'annual';

/**
 * A statistical period as written by NBS: `2026-03` (a month), `2026-Q1` (a quarter), `2026` (a year).
 * Stored as the period's first day (`2026-03-01`, `2026-01-01`) beside the indicator's frequency.
 */
const PATTERNS: Record<Frequency, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  annual: /^(\d{4})$/,
};

/**
 * The first day of `period` for an indicator of `frequency`, or why the indicator has no such period.
 *
 * @example
 * periodStart('2026-03', 'monthly')   // { ok: true, value: '2026-03-01' }
 * periodStart('2026-Q2', 'quarterly') // { ok: true, value: '2026-04-01' }
 * periodStart('2026-Q2', 'monthly')   // { ok: false, part: 'frequency', ... }
 */
export function periodStart(period: string, frequency: Frequency): Result<string, 'frequency' | 'range'> {
  const m = PATTERNS[frequency].exec(period);
  if (!m) {
    const example = { monthly: '2026-03', quarterly: '2026-Q1', annual: '2026' }[frequency];
    return err('frequency', `a ${frequency} indicator has periods like ${example}, not "${period}"`);
  }
  const year = Number(m[1]);
  if (year < 1949 || year > 2200) return err('range', `period ${period}: year out of 1949-2200`);
  const month = frequency === 'monthly' ? Number(m[2]) : frequency === 'quarterly' ? Number(m[2]) * 3 - 2 : 1;
  return ok(`${year}-${String(month).padStart(2, '0')}-01`);
}

/**
 * The period label of a period's first day.
 *
 * @example
 * periodLabel('2026-04-01', 'quarterly') // '2026-Q2'
 */
export function periodLabel(start: string, frequency: Frequency): string {
  const [year, month] = [start.slice(0, 4), Number(start.slice(5, 7))];
  if (frequency === 'monthly') return `${year}-${String(month).padStart(2, '0')}`;
  if (frequency === 'quarterly') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return year;
}

/**
 * Whether a period has ended by `today` (China date, `YYYY-MM-DD`): figures exist only for ended periods.
 *
 * @example
 * periodEnded('2026-03-01', 'monthly', '2026-04-01') // true
 */
export function periodEnded(start: string, frequency: Frequency, today: string): boolean {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + { monthly: 1, quarterly: 3, annual: 12 }[frequency]);
  return d.toISOString().slice(0, 10) <= today;
}
