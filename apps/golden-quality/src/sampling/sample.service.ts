import { randomUUID } from 'node:crypto';
import { isoDate, toFen, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate, type Fen } from '@egov/standards';
import type { GoldenQualityDb } from '../database.ts';
import { findEntity } from '../entities/entity.service.ts';
import { fineDueOn, fineReference, sampleNumber } from './sample.rules.ts';

export interface Sample {
  uuid: string;
  number: string;
  planCode: string;
  productName: string;
  producerCreditCode: string;
  producerName: string;
  batchNo: string;
  sampledOn: string;
  result: 'pass' | 'fail' | null;
  findings: string | null;
  resultAt: Date | null;
  recallOrderedAt: Date | null;
  fine: {
    sourceReference: string;
    amountFen: Fen;
    dueOn: string;
    receiptId: string | null;
    receiptStatus: string | null;
    paidAt: Date | null;
  } | null;
}

/** The part of golden-finance's treasury fines go through (idempotent there by source and reference). */
export interface FineTreasury {
  expect(item: {
    source: 'non-tax';
    sourceReference: string;
    payer: string;
    amountFen: number;
    dueDate: string;
  }): Promise<unknown>;
  receive(item: {
    source: 'non-tax';
    sourceReference: string;
    payer: string;
    amountFen: number;
    receivedAt: string;
  }): Promise<{ id: string; status: string }>;
}

function parseNumber(number: string): number | undefined {
  const m = /^GQ-S-(\d{8})$/.exec(number);
  return m && Number(m[1]) > 0 ? Number(m[1]) : undefined;
}

const notFound = (number: string) =>
  new DomainError('NOT_FOUND', `no sample ${number}`, { field: 'number', rule: 'not_found' });

/**
 * Records a sample taken under a plan from a producer of the base.
 *
 * @example
 * await recordSample(trx, { planCode: '2026-Q4-EB', productName: '电动自行车', producerCreditCode, batchNo: '2026-10', sampledOn: '2026-11-20' }, recorder);
 */
export async function recordSample(
  db: GoldenQualityDb,
  input: {
    planCode: string;
    productName: string;
    producerCreditCode: string;
    batchNo: string;
    sampledOn: string;
  },
  recorder: Recorder,
): Promise<Sample> {
  if (!(await findEntity(db, input.producerCreditCode)))
    throw new DomainError('INVALID', `no legal entity with credit code ${input.producerCreditCode}`, {
      field: 'producerCreditCode',
      rule: 'not_registered',
    });
  const uuid = randomUUID();
  await db
    .insertInto('sample')
    .values({
      uuid,
      plan_code: input.planCode,
      product_name: input.productName,
      producer_credit_code: input.producerCreditCode,
      batch_no: input.batchNo,
      sampled_on: input.sampledOn,
      sampled_by: recorder.by,
    })
    .execute();
  return (await findSample(db, { uuid }))!;
}

async function findSample(
  db: GoldenQualityDb,
  by: { uuid?: string; serial?: number },
  options: { lock?: boolean } = {},
): Promise<Sample | undefined> {
  let query = db
    .selectFrom('sample as s')
    .innerJoin('legal_entity as e', 'e.credit_code', 's.producer_credit_code')
    .leftJoin('recall as r', 'r.sample_uuid', 's.uuid')
    .leftJoin('fine as f', 'f.sample_uuid', 's.uuid')
    .select([
      's.uuid',
      's.serial',
      's.plan_code',
      's.product_name',
      's.producer_credit_code',
      'e.name as producer_name',
      's.batch_no',
      isoDate('s.sampled_on').as('sampled_on'),
      's.result',
      's.findings',
      's.result_at',
      'r.ordered_at',
      'f.source_reference',
      'f.amount_fen',
      isoDate('f.due_on').as('due_on'),
      'f.receipt_id',
      'f.receipt_status',
      'f.paid_at',
    ]);
  if (by.uuid) query = query.where('s.uuid', '=', by.uuid);
  if (by.serial) query = query.where('s.serial', '=', String(by.serial));
  if (options.lock) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    uuid: row.uuid,
    number: sampleNumber(toSafeInteger(row.serial)),
    planCode: row.plan_code,
    productName: row.product_name,
    producerCreditCode: row.producer_credit_code,
    producerName: row.producer_name,
    batchNo: row.batch_no,
    sampledOn: row.sampled_on,
    result: row.result,
    findings: row.findings,
    resultAt: row.result_at,
    recallOrderedAt: row.ordered_at,
    fine: row.source_reference
      ? {
          sourceReference: row.source_reference,
          amountFen: toFen(row.amount_fen!),
          dueOn: row.due_on as string,
          receiptId: row.receipt_id,
          receiptStatus: row.receipt_status,
          paidAt: row.paid_at,
        }
      : null,
  };
}

/** The sample with this number (locked for update when asked); 404 otherwise. */
export async function getSample(db: GoldenQualityDb, number: string, options: { lock?: boolean } = {}) {
  const serial = parseNumber(number);
  const sample = serial ? await findSample(db, { serial }, options) : undefined;
  if (!sample) throw notFound(number);
  return sample;
}

/**
 * Records the laboratory result, once (409 `result_recorded`). A failed sample
 * orders the recall of its batch in the same transaction, and is published.
 *
 * @example
 * await recordResult(trx, { number: 'GQ-S-00000001', result: 'fail', findings: '充电器输出电压超标' }, recorder);
 */
export async function recordResult(
  db: GoldenQualityDb,
  input: { number: string; result: 'pass' | 'fail'; findings: string },
  recorder: Recorder,
): Promise<Sample> {
  const sample = await getSample(db, input.number, { lock: true });
  if (sample.result)
    throw new DomainError('CONFLICT', `sample ${input.number} has its result already (${sample.result})`, {
      field: 'number',
      rule: 'result_recorded',
    });
  await db
    .updateTable('sample')
    .set({ result: input.result, findings: input.findings, result_at: recorder.at })
    .where('uuid', '=', sample.uuid)
    .execute();
  if (input.result === 'fail')
    await db
      .insertInto('recall')
      .values({ sample_uuid: sample.uuid, ordered_at: recorder.at, ordered_by: recorder.by })
      .execute();
  return (await findSample(db, { uuid: sample.uuid }))!;
}

/**
 * Decides the fine on a failed sample and has the treasury expect it as
 * non-tax revenue (due in fifteen days). Safe to run again (a durable step):
 * the fine row is checked under the sample's lock first, and the treasury
 * registers one reference once.
 *
 * @example
 * await imposeFine(ctx.db, { number, amountFen: 5_000_000 }, treasury, { by: ctx.by, at: ctx.at });
 */
export async function imposeFine(
  db: GoldenQualityDb,
  input: { number: string; amountFen: number },
  treasury: FineTreasury,
  recorder: Recorder,
): Promise<Sample> {
  const sample = await getSample(db, input.number, { lock: true });
  if (sample.result !== 'fail')
    throw new DomainError('CONFLICT', `sample ${input.number} did not fail: no fine`, {
      field: 'number',
      rule: 'not_failed',
    });
  if (sample.fine) {
    if (sample.fine.amountFen === input.amountFen) return sample;
    throw new DomainError(
      'CONFLICT',
      `a fine of ${sample.fine.amountFen} fen is decided on ${input.number}`,
      {
        field: 'amountFen',
        rule: 'fine_decided',
      },
    );
  }
  const sourceReference = fineReference(Number(sample.number.slice(5)));
  const dueOn = fineDueOn(chinaDate(recorder.at));
  await treasury.expect({
    source: 'non-tax',
    sourceReference,
    payer: sample.producerCreditCode,
    amountFen: input.amountFen,
    dueDate: dueOn,
  });
  await db
    .insertInto('fine')
    .values({
      sample_uuid: sample.uuid,
      source_reference: sourceReference,
      amount_fen: input.amountFen,
      due_on: dueOn,
      decided_by: recorder.by,
      decided_at: recorder.at,
    })
    .execute();
  return (await findSample(db, { uuid: sample.uuid }))!;
}

/**
 * Records the fine's payment into the treasury (a receipt of non-tax revenue
 * matched to the expected item); a fine paid already is answered as it is.
 *
 * @example
 * await payFine(ctx.db, { number }, treasury, { by: ctx.by, at: ctx.at });
 */
export async function payFine(
  db: GoldenQualityDb,
  input: { number: string },
  treasury: FineTreasury,
  recorder: Recorder,
): Promise<Sample> {
  const sample = await getSample(db, input.number, { lock: true });
  const fine = sample.fine;
  if (!fine)
    throw new DomainError('CONFLICT', `no fine is decided on ${input.number}`, {
      field: 'number',
      rule: 'no_fine',
    });
  if (fine.paidAt) return sample;
  const receipt = await treasury.receive({
    source: 'non-tax',
    sourceReference: fine.sourceReference,
    payer: sample.producerCreditCode,
    amountFen: fine.amountFen,
    receivedAt: recorder.at.toISOString(),
  });
  await db
    .updateTable('fine')
    .set({ receipt_id: receipt.id, receipt_status: receipt.status, paid_at: recorder.at })
    .where('sample_uuid', '=', sample.uuid)
    .execute();
  return (await findSample(db, { uuid: sample.uuid }))!;
}

/** Failed samples for publication (抽查不合格产品公告), newest first. */
export async function failedSamples(db: GoldenQualityDb, limit: number): Promise<Sample[]> {
  const rows = await db
    .selectFrom('sample')
    .select('uuid')
    .where('result', '=', 'fail')
    .orderBy('result_at', 'desc')
    .orderBy('serial', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(rows.map(async (r) => (await findSample(db, { uuid: r.uuid }))!));
}
