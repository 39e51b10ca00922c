/**
 * A fine is paid within fifteen days of the penalty decision (行政处罚法,
 * 2021 revision, art. 67); counted here in calendar days from the decision.
 */
export const FINE_PAYMENT_DAYS = 15;

/**
 * The last day to pay a fine decided on `decidedOn` (`YYYY-MM-DD`).
 *
 * @example
 * fineDueOn('2026-12-03') // '2026-12-18'
 */
export function fineDueOn(decidedOn: string): string {
  const d = new Date(`${decidedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + FINE_PAYMENT_DAYS);
  return d.toISOString().slice(0, 10);
}

/**
 * The treasury's reference of the fine on sample `serial`: unique, and the
 * same on every retry, so the treasury registers and receives it once.
 *
 * @example
 * fineReference(42) // 'GQ-FINE-00000042'
 */
export function fineReference(serial: number): string {
  return `GQ-FINE-${String(serial).padStart(8, '0')}`;
}

/**
 * Sample numbers read `GQ-S-00000042`.
 *
 * @example
 * sampleNumber(42) // 'GQ-S-00000042'
 */
export function sampleNumber(serial: number): string {
  return `GQ-S-${String(serial).padStart(8, '0')}`;
}
