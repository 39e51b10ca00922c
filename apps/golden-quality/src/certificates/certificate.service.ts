import { randomUUID } from 'node:crypto';
import { isoDate, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { GoldenQualityDb } from '../database.ts';
import { findEntity } from '../entities/entity.service.ts';
import {
  type AssessmentStep,
  checkStep,
  followUpDue,
  type Validity,
  validityOn,
  validUntil,
} from './certificate.rules.ts';
import type { CertificateStage } from './certificate.table.ts';

export interface Certificate {
  uuid: string;
  number: string;
  holderCreditCode: string;
  productName: string;
  model: string;
  commodityCode: string;
  stage: CertificateStage;
  validFrom: string | null;
  validUntil: string | null;
  lastFollowUpOn: string | null;
  followUpDue: string | null;
  stageNote: string | null;
  appliedAt: Date;
}

/** Certificate numbers read `CCC-2026-00000042`: the year applied and the serial the database gave. */
export function certificateNumber(serial: number, appliedAt: Date): string {
  return `CCC-${chinaDate(appliedAt).slice(0, 4)}-${String(serial).padStart(8, '0')}`;
}

function parseNumber(number: string): { year: string; serial: number } | undefined {
  const m = /^CCC-(\d{4})-(\d{8})$/.exec(number);
  return m && Number(m[2]) > 0 ? { year: m[1]!, serial: Number(m[2]) } : undefined;
}

const select = (db: GoldenQualityDb) =>
  db
    .selectFrom('ccc_certificate')
    .select([
      'uuid',
      'serial',
      'holder_credit_code',
      'product_name',
      'model',
      'commodity_code',
      'stage',
      'stage_note',
      'applied_at',
      isoDate('valid_from').as('valid_from'),
      isoDate('valid_until').as('valid_until'),
      isoDate('last_follow_up_on').as('last_follow_up_on'),
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toCertificate(row: Row): Certificate {
  const validFrom = row.valid_from as string | null;
  const last = row.last_follow_up_on as string | null;
  return {
    uuid: row.uuid,
    number: certificateNumber(toSafeInteger(row.serial), row.applied_at),
    holderCreditCode: row.holder_credit_code,
    productName: row.product_name,
    model: row.model,
    commodityCode: row.commodity_code,
    stage: row.stage,
    validFrom,
    validUntil: row.valid_until as string | null,
    lastFollowUpOn: last,
    followUpDue: validFrom ? followUpDue(validFrom, last) : null,
    stageNote: row.stage_note,
    appliedAt: row.applied_at,
  };
}

/**
 * An application for CCC certification of a product (型号) of an active entity of the base.
 *
 * @example
 * await applyForCertificate(trx, { holderCreditCode, productName: '电动自行车充电器', model: 'CH-48V', commodityCode: '8504405000' }, recorder);
 */
export async function applyForCertificate(
  db: GoldenQualityDb,
  input: { holderCreditCode: string; productName: string; model: string; commodityCode: string },
  recorder: Recorder,
): Promise<Certificate> {
  const holder = await findEntity(db, input.holderCreditCode);
  if (!holder)
    throw new DomainError('INVALID', `no legal entity with credit code ${input.holderCreditCode}`, {
      field: 'holderCreditCode',
      rule: 'not_registered',
    });
  if (holder.status !== 'active')
    throw new DomainError('INVALID', `the applicant is ${holder.status}, not active`, {
      field: 'holderCreditCode',
      rule: 'not_active',
    });
  const uuid = randomUUID();
  await db
    .insertInto('ccc_certificate')
    .values({
      uuid,
      holder_credit_code: holder.creditCode,
      product_name: input.productName,
      model: input.model,
      commodity_code: input.commodityCode,
      stage: 'applied',
      valid_from: null,
      valid_until: null,
      last_follow_up_on: null,
      stage_note: null,
      applied_by: recorder.by,
      applied_at: recorder.at,
      updated_at: recorder.at,
    })
    .execute();
  return (await findByUuid(db, uuid))!;
}

async function findByUuid(db: GoldenQualityDb, uuid: string) {
  const row = await select(db).where('uuid', '=', uuid).executeTakeFirst();
  return row && toCertificate(row);
}

/** The certificate (or application) with this number, locked for update when asked; 404 otherwise. */
export async function getCertificate(
  db: GoldenQualityDb,
  number: string,
  options: { lock?: boolean } = {},
): Promise<Certificate> {
  const parsed = parseNumber(number);
  let query = select(db).where('serial', '=', String(parsed?.serial ?? 0));
  if (options.lock) query = query.forUpdate();
  const row = parsed && (await query.executeTakeFirst());
  const found = row && toCertificate(row);
  if (!found || found.number !== number)
    throw new DomainError('NOT_FOUND', `no CCC certificate ${number}`, {
      field: 'number',
      rule: 'not_found',
    });
  return found;
}

/**
 * Records one assessment step (document review, type test, factory inspection),
 * in order: a failed step refuses the application; a passed factory inspection
 * issues the certificate, valid five years from today (China time).
 *
 * @example
 * await recordAssessment(trx, { number, step: 'type_tested', result: 'pass', note: '型式试验报告 No. 2026-118' }, recorder);
 */
export async function recordAssessment(
  db: GoldenQualityDb,
  input: { number: string; step: AssessmentStep; result: 'pass' | 'fail'; note: string },
  recorder: Recorder,
): Promise<Certificate> {
  const current = await getCertificate(db, input.number, { lock: true });
  const checked = checkStep(current.stage, input.step);
  if (!checked.ok) throw new DomainError('CONFLICT', checked.message, { field: 'step', rule: checked.part });
  const today = chinaDate(recorder.at);
  const issued = input.result === 'pass' && input.step === 'factory_inspected';
  await db
    .updateTable('ccc_certificate')
    .set({
      stage: input.result === 'fail' ? 'refused' : issued ? 'valid' : input.step,
      stage_note: input.note,
      updated_at: recorder.at,
      ...(issued ? { valid_from: today, valid_until: validUntil(today) } : {}),
    })
    .where('uuid', '=', current.uuid)
    .execute();
  return (await findByUuid(db, current.uuid))!;
}

/**
 * Records a follow-up inspection of an issued certificate: a failure suspends
 * it; a pass keeps it valid (and lifts a suspension once the holder has put
 * things right). One inspection a day per certificate (409 `duplicate`).
 *
 * @example
 * await recordFollowUp(trx, { number, inspectedOn: '2027-02-10', result: 'fail', findings: '关键元器件变更未报' }, recorder);
 */
export async function recordFollowUp(
  db: GoldenQualityDb,
  input: { number: string; inspectedOn: string; result: 'pass' | 'fail'; findings: string },
  recorder: Recorder,
): Promise<Certificate> {
  const current = await getCertificate(db, input.number, { lock: true });
  if (current.stage !== 'valid' && current.stage !== 'suspended')
    throw new DomainError(
      'CONFLICT',
      `certificate ${input.number} is ${current.stage}: nothing to follow up`,
      {
        field: 'number',
        rule: 'not_issued',
      },
    );
  if (input.inspectedOn < current.validFrom! || input.inspectedOn > chinaDate(recorder.at))
    throw new DomainError('INVALID', `a follow-up falls between the issue (${current.validFrom}) and today`, {
      field: 'inspectedOn',
      rule: 'out_of_range',
    });
  const inserted = await db
    .insertInto('ccc_follow_up')
    .values({
      certificate_uuid: current.uuid,
      inspected_on: input.inspectedOn,
      result: input.result,
      findings: input.findings,
      recorded_by: recorder.by,
      recorded_at: recorder.at,
    })
    .onConflict((oc) => oc.columns(['certificate_uuid', 'inspected_on']).doNothing())
    .returning('inspected_on')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('CONFLICT', `a follow-up of ${input.number} on ${input.inspectedOn} is recorded`, {
      field: 'inspectedOn',
      rule: 'duplicate',
    });
  await db
    .updateTable('ccc_certificate')
    .set({
      stage: input.result === 'fail' ? 'suspended' : 'valid',
      stage_note: input.findings,
      updated_at: recorder.at,
      ...(current.lastFollowUpOn === null || input.inspectedOn > current.lastFollowUpOn
        ? { last_follow_up_on: input.inspectedOn }
        : {}),
    })
    .where('uuid', '=', current.uuid)
    .execute();
  return (await findByUuid(db, current.uuid))!;
}

/** Certificates by holder, product name or commodity code, newest first. */
export async function searchCertificates(
  db: GoldenQualityDb,
  filter: {
    holderCreditCode?: string | undefined;
    product?: string | undefined;
    commodityCode?: string | undefined;
    limit: number;
  },
): Promise<Certificate[]> {
  let query = select(db);
  if (filter.holderCreditCode) query = query.where('holder_credit_code', '=', filter.holderCreditCode);
  if (filter.commodityCode) query = query.where('commodity_code', '=', filter.commodityCode);
  if (filter.product)
    query = query.where('product_name', 'like', `%${filter.product.replace(/[\\%_]/g, '\\$&')}%`);
  const rows = await query.orderBy('serial', 'desc').limit(filter.limit).execute();
  return rows.map(toCertificate);
}

/**
 * For customs (flow 5): does `holder` hold a certificate for `commodityCode`
 * valid on `day`? The best one is named (valid before suspended before expired).
 *
 * @example
 * await certificateStanding(db, { holderCreditCode, commodityCode: '8504405000' }, '2026-12-03')
 */
export async function certificateStanding(
  db: GoldenQualityDb,
  input: { holderCreditCode: string; commodityCode: string },
  day: string,
): Promise<{ validity: Validity | 'none'; certificate: Certificate | null }> {
  const candidates = await searchCertificates(db, { ...input, limit: 100 });
  const rank: Validity[] = ['valid', 'suspended', 'expired', 'not_issued', 'refused'];
  const scored = candidates
    .map((c) => ({ c, v: validityOn(c, day) }))
    .sort((a, b) => rank.indexOf(a.v) - rank.indexOf(b.v));
  const best = scored[0];
  return best ? { validity: best.v, certificate: best.c } : { validity: 'none', certificate: null };
}
