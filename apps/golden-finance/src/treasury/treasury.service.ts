import { DomainError } from '@egov/kernel/errors';
import type { Fen } from '@egov/standards';
import type { GoldenFinanceDb } from '../database.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { businessDate } from '../shared/dates.ts';
import { isoDate, toFen } from '@egov/kernel/db';
import type { ReceiptStatus, SuspenseReason } from './receipt.table.ts';
import type { RevenueSource } from './sources.ts';
import {
  checkResolution,
  type IncomingReceipt,
  isSameDocument,
  matchReceipt,
  receiptJournal,
  referenceReused,
  resolutionJournal,
} from './treasury.rules.ts';

export interface Expectation extends IncomingReceipt {
  /** `YYYY-MM-DD`: when the payer must have paid. */
  dueDate: string;
}

export interface ExpectedItem extends Expectation {
  id: string;
  status: 'open' | 'matched';
  receiptId: string | null;
}

export interface Receipt extends IncomingReceipt {
  id: string;
  receivedAt: Date;
  businessDate: string;
  status: ReceiptStatus;
  suspenseReason: SuspenseReason | null;
  expectedItemId: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  journalIds: number[];
}

/**
 * An expected item by id, or by (source, reference); NOT_FOUND names `field`.
 *
 * @example
 * await getExpectedItem(db, { id })
 */
export async function getExpectedItem(
  db: GoldenFinanceDb,
  key: { id: string } | { source: RevenueSource; sourceReference: string },
  field = 'expectedItemId',
): Promise<ExpectedItem> {
  let query = db
    .selectFrom('expected_item')
    .leftJoin('receipt', 'receipt.expected_item_id', 'expected_item.id')
    .select([
      'expected_item.id',
      'expected_item.source',
      'expected_item.source_reference as sourceReference',
      'expected_item.payer',
      'expected_item.amount',
      isoDate('expected_item.due_date').as('dueDate'),
      'expected_item.status',
      'receipt.id as receiptId',
    ]);
  query =
    'id' in key
      ? query.where('expected_item.id', '=', key.id)
      : query
          .where('expected_item.source', '=', key.source)
          .where('expected_item.source_reference', '=', key.sourceReference);
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'no such expected item', { field });
  const { amount, ...rest } = row;
  return { ...rest, amountFen: toFen(amount) };
}

/**
 * Registers what an agency expects to be paid (customs: the duty and taxes of
 * a declaration; tax: an assessment). Naturally idempotent on (source,
 * reference): the same item again returns the first; a different item under
 * a used reference is a CONFLICT.
 *
 * @example
 * await expectReceipt(trx, { source: 'customs-duty', sourceReference: '020120261000012345', payer, amountFen, dueDate }, recorder);
 */
export async function expectReceipt(
  trx: GoldenFinanceDb,
  item: Expectation,
  recorder: Recorder,
): Promise<ExpectedItem> {
  const inserted = await trx
    .insertInto('expected_item')
    .values({
      source: item.source,
      source_reference: item.sourceReference,
      payer: item.payer,
      amount: item.amountFen,
      due_date: item.dueDate,
      status: 'open',
      registered_at: recorder.at,
      registered_by: recorder.by,
    })
    .onConflict((oc) => oc.columns(['source', 'source_reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const stored = await getExpectedItem(trx, item, 'sourceReference');
  if (!inserted && (!isSameDocument(stored, item) || stored.dueDate !== item.dueDate)) {
    throw referenceReused(item.source, item.sourceReference);
  }
  return stored;
}

function selectReceipt(db: GoldenFinanceDb) {
  return db
    .selectFrom('receipt')
    .select([
      'id',
      'source',
      'source_reference as sourceReference',
      'payer',
      'amount',
      'received_at as receivedAt',
      isoDate('receipt.business_date').as('businessDate'),
      'status',
      'suspense_reason as suspenseReason',
      'expected_item_id as expectedItemId',
      'resolved_at as resolvedAt',
      'resolved_by as resolvedBy',
      'resolution_note as resolutionNote',
    ]);
}

async function withJournals(
  db: GoldenFinanceDb,
  row: Awaited<ReturnType<ReturnType<typeof selectReceipt>['executeTakeFirstOrThrow']>>,
): Promise<Receipt> {
  const journals = await db
    .selectFrom('journal')
    .select('id')
    .where('reference', '=', `receipt:${row.id}`)
    .orderBy('id')
    .execute();
  const { amount, ...rest } = row;
  return { ...rest, amountFen: toFen(amount), journalIds: journals.map((j) => Number(j.id)) };
}

/**
 * A receipt with its journals; NOT_FOUND names `field`.
 *
 * @example
 * const receipt = await getReceipt(db, id);
 */
export async function getReceipt(db: GoldenFinanceDb, id: string, field = 'id'): Promise<Receipt> {
  const row = await selectReceipt(db).where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no receipt ${id}`, { field });
  return withJournals(db, row);
}

/**
 * Records money received into the TSA (国库入库): matched to the item its
 * source registered under the same reference, or parked in suspense; posted
 * to the ledger either way.
 *
 * Naturally idempotent on (source, sourceReference), for callers that retry
 * over the network: the receipt row goes in first, under that unique key, so
 * a duplicate (even a concurrent one, which waits on the key) inserts nothing,
 * posts nothing and answers with the first receipt. A different payer or
 * amount under a used reference is a CONFLICT.
 *
 * @example
 * await receiveReceipt(trx, { source: 'customs-duty', sourceReference, payer, amountFen, receivedAt }, recorder);
 */
export async function receiveReceipt(
  trx: GoldenFinanceDb,
  receipt: IncomingReceipt & { receivedAt: Date },
  recorder: Recorder,
): Promise<Receipt> {
  const expected = await trx
    .selectFrom('expected_item')
    .select(['id', 'payer', 'amount', 'status'])
    .where('source', '=', receipt.source)
    .where('source_reference', '=', receipt.sourceReference)
    .forUpdate()
    .executeTakeFirst();
  const match = matchReceipt(
    receipt,
    expected && { payer: expected.payer, amountFen: toFen(expected.amount), status: expected.status },
  );
  const day = businessDate(receipt.receivedAt);
  const inserted = await trx
    .insertInto('receipt')
    .values({
      source: receipt.source,
      source_reference: receipt.sourceReference,
      payer: receipt.payer,
      amount: receipt.amountFen,
      received_at: receipt.receivedAt,
      business_date: day,
      status: match.status,
      suspense_reason: match.status === 'suspense' ? match.reason : null,
      expected_item_id: match.status === 'matched' ? expected!.id : null,
      recorded_at: recorder.at,
      recorded_by: recorder.by,
    })
    .onConflict((oc) => oc.columns(['source', 'source_reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const first = await selectReceipt(trx)
      .where('source', '=', receipt.source)
      .where('source_reference', '=', receipt.sourceReference)
      .executeTakeFirstOrThrow();
    if (!isSameDocument({ payer: first.payer, amountFen: toFen(first.amount) }, receipt)) {
      throw referenceReused(receipt.source, receipt.sourceReference);
    }
    return withJournals(trx, first);
  }
  if (match.status === 'matched') {
    await trx
      .updateTable('expected_item')
      .set({ status: 'matched' })
      .where('id', '=', expected!.id)
      .execute();
  }
  await postJournal(trx, receiptJournal(inserted.id, receipt, match, day), recorder);
  // Publish golden-finance.receipt.recorded.v1 to the outbox here, in this transaction (messaging lands in the kernel).
  return getReceipt(trx, inserted.id);
}

/**
 * Resolves a receipt in suspense against an expected item (after checking
 * with the payer or the source agency): the item is matched, the receipt
 * marked matched with the accountant's note, and the money moved from
 * suspense to the source's revenue.
 *
 * @example
 * await resolveSuspense(trx, { receiptId, expectedItemId, note: 'payer quoted the wrong voucher number' }, recorder);
 */
export async function resolveSuspense(
  trx: GoldenFinanceDb,
  resolution: { receiptId: string; expectedItemId: string; note: string },
  recorder: Recorder,
): Promise<Receipt> {
  const receipt = await trx
    .selectFrom('receipt')
    .select(['id', 'source', 'source_reference', 'amount', 'status'])
    .where('id', '=', resolution.receiptId)
    .forUpdate()
    .executeTakeFirst();
  if (!receipt) throw new DomainError('NOT_FOUND', 'no such receipt', { field: 'receiptId' });
  const item = await trx
    .selectFrom('expected_item')
    .select(['id', 'source', 'amount', 'status'])
    .where('id', '=', resolution.expectedItemId)
    .forUpdate()
    .executeTakeFirst();
  if (!item) throw new DomainError('NOT_FOUND', 'no such expected item', { field: 'expectedItemId' });
  const suspended = {
    id: receipt.id,
    source: receipt.source,
    sourceReference: receipt.source_reference,
    amountFen: toFen(receipt.amount) as Fen,
    status: receipt.status,
  };
  checkResolution(suspended, { source: item.source, amountFen: toFen(item.amount), status: item.status });
  await trx.updateTable('expected_item').set({ status: 'matched' }).where('id', '=', item.id).execute();
  await trx
    .updateTable('receipt')
    .set({
      status: 'matched',
      expected_item_id: item.id,
      resolved_at: recorder.at,
      resolved_by: recorder.by,
      resolution_note: resolution.note,
    })
    .where('id', '=', receipt.id)
    .execute();
  await postJournal(trx, resolutionJournal(suspended, businessDate(recorder.at)), recorder);
  return getReceipt(trx, receipt.id);
}

/**
 * Receipts still in suspense, oldest first, optionally of one source.
 *
 * @example
 * await listSuspense(db, { source: 'non-tax' })
 */
export async function listSuspense(
  db: GoldenFinanceDb,
  filter: { source?: RevenueSource | undefined },
): Promise<Receipt[]> {
  let query = selectReceipt(db).where('status', '=', 'suspense');
  if (filter.source) query = query.where('source', '=', filter.source);
  const rows = await query.orderBy('received_at').orderBy('id').execute();
  return Promise.all(rows.map((row) => withJournals(db, row)));
}
