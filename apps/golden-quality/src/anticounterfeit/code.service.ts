import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { sql } from 'kysely';
import type { GoldenQualityDb } from '../database.ts';
import { findEntity } from '../entities/entity.service.ts';
import { answerFor, type CheckAnswer, codeHash, newCode } from './code.rules.ts';

/**
 * Issues `count` codes for one batch of a product of an active entity; the
 * codes are returned this once (only their hashes are kept). A batch number
 * is the holder's own and issued once (409 `batch_issued`).
 *
 * @example
 * const { codes } = await issueCodes(trx, { holderCreditCode, productName: '茅台酒 53%vol 500ml', batchNo: '2026-118', count: 100 }, recorder);
 */
export async function issueCodes(
  db: GoldenQualityDb,
  input: { holderCreditCode: string; productName: string; batchNo: string; count: number },
  recorder: Recorder,
): Promise<{ batchId: string; codes: string[] }> {
  const holder = await findEntity(db, input.holderCreditCode);
  if (holder?.status !== 'active')
    throw new DomainError(
      'INVALID',
      `${input.holderCreditCode} is no active entity of the legal-entity base`,
      {
        field: 'holderCreditCode',
        rule: holder ? 'not_active' : 'not_registered',
      },
    );
  const batchId = randomUUID();
  const inserted = await db
    .insertInto('anti_counterfeit_batch')
    .values({
      uuid: batchId,
      holder_credit_code: holder.creditCode,
      product_name: input.productName,
      batch_no: input.batchNo,
      codes: input.count,
      issued_by: recorder.by,
      issued_at: recorder.at,
    })
    .onConflict((oc) => oc.columns(['holder_credit_code', 'batch_no']).doNothing())
    .returning('uuid')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError(
      'CONFLICT',
      `batch ${input.batchNo} of ${holder.creditCode} has its codes already`,
      {
        field: 'batchNo',
        rule: 'batch_issued',
      },
    );
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(newCode());
  const list = [...codes];
  const written = await db
    .insertInto('anti_counterfeit_code')
    .values(list.map((code) => ({ code_hash: codeHash(code), batch_uuid: batchId })))
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .returning('code_hash')
    .execute();
  // A collision with an earlier batch (about one in 10^17 per code) would leave a code ambiguous: refuse.
  if (written.length !== list.length) throw new Error('an issued code collided with an earlier one; retry');
  return { batchId, codes: list };
}

/**
 * The public check: counts this check and answers genuine (first check),
 * already checked N times, or unknown; nothing about the product or holder.
 *
 * @example
 * await checkCode(trx, '48201937465019283746', new Date()) // { answer: 'genuine' }
 */
export async function checkCode(db: GoldenQualityDb, code: string, at: Date): Promise<CheckAnswer> {
  const row = await db
    .updateTable('anti_counterfeit_code')
    .set({ checks: sql`checks + 1`, first_checked_at: sql`coalesce(first_checked_at, ${at})` })
    .where('code_hash', '=', codeHash(code))
    .returning('checks')
    .executeTakeFirst();
  return answerFor(row ? row.checks - 1 : undefined);
}
