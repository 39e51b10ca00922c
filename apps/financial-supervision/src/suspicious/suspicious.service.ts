import { isoDate, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { FinancialSupervisionDb } from '../database.ts';
import { requireReporting } from '../institutions/institution.service.ts';

export interface SuspiciousReport {
  id: number;
  institution: string;
  subjectResidentId: string;
  subjectName: string;
  relatedCompany: string | null;
  periodFrom: string;
  periodTo: string;
  currency: 'CNY' | 'USD';
  amountMinor: number;
  grounds: string;
  status: 'filed' | 'referred' | 'closed';
  identityResult: string | null;
  caseNo: string | null;
  taxFindings: Record<string, unknown> | null;
  filedAt: string;
}

export interface FileSuspiciousInput {
  institution: string;
  subject: { residentId: string; name: string };
  relatedCompany?: string | undefined;
  periodFrom: string;
  periodTo: string;
  currency: 'CNY' | 'USD';
  amountMinor: number;
  grounds: string;
}

/**
 * Files a suspicious transaction report: any amount (zero included: an
 * attempted transaction is reported too), the grounds in the institution's
 * words, a period that is not in the future.
 */
export async function fileSuspicious(
  db: FinancialSupervisionDb,
  input: FileSuspiciousInput,
  recorder: Recorder,
): Promise<SuspiciousReport> {
  await requireReporting(db, input.institution);
  if (input.periodFrom > input.periodTo)
    throw new DomainError('INVALID', 'the period ends before it starts', {
      field: 'periodTo',
      rule: 'period_order',
    });
  if (input.periodTo > chinaDate(recorder.at))
    throw new DomainError('INVALID', 'the period ends in the future', {
      field: 'periodTo',
      rule: 'in_future',
    });
  const row = await db
    .insertInto('suspicious_report')
    .values({
      institution: input.institution,
      subject_resident_id: input.subject.residentId,
      subject_name: input.subject.name,
      related_company: input.relatedCompany ?? null,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      currency: input.currency,
      amount_minor: input.amountMinor,
      grounds: input.grounds,
      status: 'filed',
      identity_result: null,
      case_no: null,
      tax_findings: null,
      filed_by: recorder.by,
      filed_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return requireSuspicious(db, toSafeInteger(row.id));
}

/** The report, or 404; `lock` takes its row for the rest of the transaction. */
export async function requireSuspicious(
  db: FinancialSupervisionDb,
  id: number,
  lock = false,
): Promise<SuspiciousReport> {
  let q = db
    .selectFrom('suspicious_report')
    .selectAll()
    .select([isoDate('period_from').as('from'), isoDate('period_to').as('to')])
    .where('id', '=', String(id));
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', `no suspicious report ${id}`, { field: 'id' });
  return {
    id: toSafeInteger(r.id),
    institution: r.institution,
    subjectResidentId: r.subject_resident_id,
    subjectName: r.subject_name,
    relatedCompany: r.related_company,
    periodFrom: r.from,
    periodTo: r.to,
    currency: r.currency,
    amountMinor: toSafeInteger(r.amount_minor),
    grounds: r.grounds,
    status: r.status,
    identityResult: r.identity_result,
    caseNo: r.case_no,
    taxFindings: r.tax_findings,
    filedAt: r.filed_at.toISOString(),
  };
}
