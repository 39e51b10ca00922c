import { err, ok, type Result } from '@egov/standards';
import type { CertificateStage } from './certificate.table.ts';

/**
 * A CCC certificate is valid for five years (强制性产品认证管理规定, AQSIQ
 * Order No. 117 of 2009, art. 21), kept valid by follow-up inspections after
 * issue; the certification body suspends a certificate whose follow-up fails
 * (art. 25). The annual interval is the common implementation rule (R):
 * dated here so a changed rule is one new entry.
 */
export const CERTIFICATE_VALIDITY_YEARS = 5;
export const FOLLOW_UP_INTERVAL_MONTHS = [{ from: '2009-09-01', months: 12 }] as const;

/** The steps before issue, in order; each passes to the next or ends the application as refused. */
export const ASSESSMENT_STEPS = ['documents_reviewed', 'type_tested', 'factory_inspected'] as const;
export type AssessmentStep = (typeof ASSESSMENT_STEPS)[number];

const BEFORE: Record<AssessmentStep, CertificateStage> = {
  documents_reviewed: 'applied',
  type_tested: 'documents_reviewed',
  factory_inspected: 'type_tested',
};

/**
 * Whether `step` may be recorded on an application at `stage`: steps come in order, once each.
 *
 * @example
 * checkStep('applied', 'documents_reviewed') // { ok: true, value: 'documents_reviewed' }
 * checkStep('applied', 'factory_inspected') // { ok: false, part: 'out_of_order', ... }
 */
export function checkStep(
  stage: CertificateStage,
  step: AssessmentStep,
): Result<AssessmentStep, 'out_of_order'> {
  if (BEFORE[step] !== stage)
    return err('out_of_order', `${step} follows ${BEFORE[step]}, but this application is ${stage}`);
  return ok(step);
}

/** Adds whole years to a `YYYY-MM-DD` day; 29 February becomes 28 February in a common year. */
function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/**
 * The last day a certificate issued on `issuedOn` is valid: five years, the day before the anniversary.
 *
 * @example
 * validUntil('2026-03-01') // '2031-02-28'
 * validUntil('2024-02-29') // '2029-02-27'
 */
export function validUntil(issuedOn: string): string {
  const anniversary = addYears(issuedOn, CERTIFICATE_VALIDITY_YEARS);
  const d = new Date(`${anniversary}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The follow-up interval in force on `day` (months). */
export function followUpIntervalMonths(day: string): number {
  return [...FOLLOW_UP_INTERVAL_MONTHS].reverse().find((r) => r.from <= day)?.months ?? 12;
}

/**
 * When the next follow-up is due: one interval after the last follow-up, or after issue.
 *
 * @example
 * followUpDue('2026-03-01', null) // '2027-03-01'
 */
export function followUpDue(issuedOn: string, lastFollowUpOn: string | null): string {
  const from = lastFollowUpOn ?? issuedOn;
  return addYears(from, followUpIntervalMonths(from) / 12);
}

export type Validity = 'valid' | 'suspended' | 'expired' | 'not_issued' | 'refused';

/**
 * What a certificate is worth on `day`: valid only when issued, not suspended, and within its five years.
 *
 * @example
 * validityOn({ stage: 'valid', validFrom: '2020-01-01', validUntil: '2024-12-31' }, '2025-01-01') // 'expired'
 */
export function validityOn(
  c: { stage: CertificateStage; validFrom: string | null; validUntil: string | null },
  day: string,
): Validity {
  if (c.stage === 'refused') return 'refused';
  if (c.stage === 'suspended') return 'suspended';
  if (c.stage !== 'valid' || !c.validFrom || !c.validUntil) return 'not_issued';
  if (day > c.validUntil || day < c.validFrom) return 'expired';
  return 'valid';
}
