import { toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { GoldenShieldDb } from '../database.ts';
import { caseNo, parseCaseNo } from './case.rules.ts';
import type { Referral } from './case.table.ts';

export interface CaseFile {
  caseNo: string;
  residentUuid: string;
  residentId: string;
  name: string;
  openedFor: string;
  sourceReference: string;
  grounds: string;
  referrals: Referral[];
  openedAt: string;
  findings: {
    app: string;
    kind: string;
    summary: string;
    details: Record<string, unknown>;
    attachedAt: string;
  }[];
}

/**
 * Opens a case about a resident on file for the calling agency, once per its
 * reference (a second call answers the same case). 404 when the resident
 * ID is not on file, 409 when the name on file differs.
 *
 * @example
 * await openCase(trx, { residentId, name: '张伟', sourceReference: 'STR-12', grounds: '…', referrals: [] }, 'financial-supervision', recorder);
 */
export async function openCase(
  db: GoldenShieldDb,
  input: {
    residentId: string;
    name: string;
    sourceReference: string;
    grounds: string;
    referrals: Referral[];
  },
  openedFor: string,
  recorder: Recorder,
): Promise<CaseFile> {
  const existing = await db
    .selectFrom('case_file')
    .select(['serial', 'opened_at'])
    .where('opened_for', '=', openedFor)
    .where('source_reference', '=', input.sourceReference)
    .executeTakeFirst();
  if (existing) return requireCase(db, caseNo(existing.opened_at, toSafeInteger(existing.serial)));
  const resident = await db
    .selectFrom('resident')
    .select(['id', 'name'])
    .where('resident_id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident)
    throw new DomainError('NOT_FOUND', 'no resident with this ID is on file', {
      field: 'residentId',
      rule: 'not_on_file',
    });
  if (resident.name !== input.name)
    throw new DomainError('CONFLICT', 'the name does not match the resident on file', {
      field: 'name',
      rule: 'mismatch',
    });
  const { serial } = await db
    .insertInto('case_file')
    .values({
      resident_uuid: resident.id,
      opened_for: openedFor,
      source_reference: input.sourceReference,
      grounds: input.grounds,
      referrals: JSON.stringify(input.referrals),
      opened_by: recorder.by,
      opened_at: recorder.at,
    })
    .returning('serial')
    .executeTakeFirstOrThrow();
  return requireCase(db, caseNo(recorder.at, toSafeInteger(serial)));
}

/** The case with its findings, or 404. */
export async function requireCase(db: GoldenShieldDb, no: string): Promise<CaseFile> {
  const serial = parseCaseNo(no);
  const row = await db
    .selectFrom('case_file as c')
    .innerJoin('resident as r', 'r.id', 'c.resident_uuid')
    .select([
      'c.serial',
      'c.resident_uuid',
      'r.resident_id',
      'r.name',
      'c.opened_for',
      'c.source_reference',
      'c.grounds',
      'c.referrals',
      'c.opened_at',
    ])
    .where('c.serial', '=', String(serial ?? 0))
    .executeTakeFirst();
  if (!row || serial === undefined || caseNo(row.opened_at, serial) !== no)
    throw new DomainError('NOT_FOUND', `no case ${no}`, { field: 'caseNo' });
  const findings = await db
    .selectFrom('case_finding')
    .selectAll()
    .where('case_serial', '=', row.serial)
    .orderBy('attached_at')
    .execute();
  return {
    caseNo: no,
    residentUuid: row.resident_uuid,
    residentId: row.resident_id,
    name: row.name,
    openedFor: row.opened_for,
    sourceReference: row.source_reference,
    grounds: row.grounds,
    referrals: row.referrals,
    openedAt: row.opened_at.toISOString(),
    findings: findings.map((f) => ({
      app: f.app,
      kind: f.kind,
      summary: f.summary,
      details: f.details,
      attachedAt: f.attached_at.toISOString(),
    })),
  };
}

/**
 * Attaches what a referred agency found. Only an app the case was referred to
 * may attach (403 `not_referred`), once per kind (409).
 */
export async function attachFinding(
  db: GoldenShieldDb,
  input: { caseNo: string; kind: string; summary: string; details: Record<string, unknown> },
  app: string,
  recorder: Recorder,
): Promise<{ caseNo: string; attachedAt: string }> {
  const serial = parseCaseNo(input.caseNo);
  const row = await db
    .selectFrom('case_file')
    .select(['serial', 'referrals', 'opened_at'])
    .where('serial', '=', String(serial ?? 0))
    .forUpdate()
    .executeTakeFirst();
  if (!row || serial === undefined || caseNo(row.opened_at, serial) !== input.caseNo)
    throw new DomainError('NOT_FOUND', `no case ${input.caseNo}`, { field: 'caseNo' });
  if (!row.referrals.some((r) => r.app === app))
    throw new DomainError('FORBIDDEN', `case ${input.caseNo} was not referred to ${app}`, {
      field: 'caseNo',
      rule: 'not_referred',
    });
  const inserted = await db
    .insertInto('case_finding')
    .values({
      case_serial: row.serial,
      app,
      kind: input.kind,
      summary: input.summary,
      details: JSON.stringify(input.details),
      attached_by: recorder.by,
      attached_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('app')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('CONFLICT', `${app} has attached ${input.kind} to ${input.caseNo} already`, {
      field: 'kind',
      rule: 'already_attached',
    });
  return { caseNo: input.caseNo, attachedAt: recorder.at.toISOString() };
}
