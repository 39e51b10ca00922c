import { DomainError } from '@egov/kernel/errors';
import { type Fen, formatYuan } from '@egov/standards';
import { credit, debit, type JournalDraft, revenueAccount, SUSPENSE, TSA } from '../ledger/ledger.rules.ts';
import type { SuspenseReason } from './receipt.table.ts';
import { type RevenueSource, revenueSources } from './sources.ts';

export interface IncomingReceipt {
  source: RevenueSource;
  sourceReference: string;
  payer: string;
  amountFen: Fen;
}

export interface ExpectedItemState {
  payer: string;
  amountFen: Fen;
  status: 'open' | 'matched';
}

export type Match = { status: 'matched' } | { status: 'suspense'; reason: SuspenseReason };

/**
 * Matches a receipt to what its source agency said it expects under the same
 * reference: matched only if the item is still open and payer and amount
 * agree exactly; anything else is parked in suspense with the reason, for a
 * treasury accountant to resolve. Nothing is guessed.
 *
 * @example
 * matchReceipt(receipt, undefined) // { status: 'suspense', reason: 'no_expected_item' }
 */
export function matchReceipt(receipt: IncomingReceipt, expected: ExpectedItemState | undefined): Match {
  if (!expected) return { status: 'suspense', reason: 'no_expected_item' };
  if (expected.status !== 'open') return { status: 'suspense', reason: 'already_matched' };
  if (expected.amountFen !== receipt.amountFen) return { status: 'suspense', reason: 'amount_mismatch' };
  if (expected.payer !== receipt.payer) return { status: 'suspense', reason: 'payer_mismatch' };
  return { status: 'matched' };
}

/**
 * Whether a second `receive` (or `expect`) with the same source reference is
 * the same document again (a retry: answer with the first) or a different
 * one reusing the reference (refused).
 *
 * @example
 * isSameDocument({ payer: 'A', amountFen: 5 }, { payer: 'A', amountFen: 5 }) // true
 */
export function isSameDocument(
  first: { payer: string; amountFen: number },
  again: { payer: string; amountFen: number },
): boolean {
  return first.payer === again.payer && first.amountFen === again.amountFen;
}

/** The CONFLICT for a reference reused by a different document. */
export function referenceReused(source: RevenueSource, reference: string): DomainError {
  return new DomainError(
    'CONFLICT',
    `${source} reference ${reference} is already recorded with a different payer or amount`,
    { field: 'sourceReference', rule: 'reference_reused' },
  );
}

/**
 * The journal of a receipt: cash into the TSA, credited to the source's
 * revenue when matched, to suspense otherwise.
 *
 * @example
 * receiptJournal(id, receipt, { status: 'matched' }, '2026-11-20') // Dr tsa / Cr revenue.customs-duty
 */
export function receiptJournal(
  id: string,
  receipt: IncomingReceipt,
  match: Match,
  businessDate: string,
): JournalDraft {
  const to = match.status === 'matched' ? revenueAccount(receipt.source) : SUSPENSE;
  const why = match.status === 'matched' ? 'matched' : `in suspense (${match.reason})`;
  return {
    kind: 'receipt',
    reference: `receipt:${id}`,
    memo: `${revenueSources[receipt.source]} ${receipt.sourceReference} ${formatYuan(receipt.amountFen)} ${why}`,
    businessDate,
    lines: [debit(TSA, receipt.amountFen), credit(to, receipt.amountFen)],
  };
}

export interface SuspendedReceipt {
  id: string;
  source: RevenueSource;
  sourceReference: string;
  amountFen: Fen;
  status: 'matched' | 'suspense';
}

export interface ItemToMatch {
  source: RevenueSource;
  amountFen: Fen;
  status: 'open' | 'matched';
}

/**
 * Refuses a suspense resolution that would misstate revenue: the receipt must
 * still be in suspense, the item open, of the same source and the same amount
 * (a partial or over-payment stays in suspense until it is refunded or
 * topped up). The payer may differ: an agent or a bank may pay for the debtor,
 * which is what the mandatory note explains.
 *
 * @example
 * checkResolution(receipt, item) // throws CONFLICT amount_mismatch when amounts differ
 */
export function checkResolution(receipt: SuspendedReceipt, item: ItemToMatch): void {
  const refuse = (field: string, rule: string, message: string) => {
    throw new DomainError('CONFLICT', message, { field, rule });
  };
  if (receipt.status !== 'suspense')
    refuse('receiptId', 'not_in_suspense', 'this receipt is not in suspense');
  if (item.status !== 'open')
    refuse('expectedItemId', 'already_matched', 'this expected item is already matched');
  if (item.source !== receipt.source) {
    refuse('expectedItemId', 'source_mismatch', `the receipt is ${receipt.source}, the item ${item.source}`);
  }
  if (item.amountFen !== receipt.amountFen) {
    refuse(
      'expectedItemId',
      'amount_mismatch',
      `the receipt is ${formatYuan(receipt.amountFen)} yuan, the item expects ${formatYuan(item.amountFen)} yuan`,
    );
  }
}

/**
 * The journal that takes a resolved receipt out of suspense into its revenue.
 *
 * @example
 * resolutionJournal(receipt, '2026-11-21') // Dr suspense / Cr revenue.non-tax
 */
export function resolutionJournal(receipt: SuspendedReceipt, businessDate: string): JournalDraft {
  return {
    kind: 'suspense_resolution',
    reference: `receipt:${receipt.id}`,
    memo: `${revenueSources[receipt.source]} ${receipt.sourceReference} identified, out of suspense`,
    businessDate,
    lines: [debit(SUSPENSE, receipt.amountFen), credit(revenueAccount(receipt.source), receipt.amountFen)],
  };
}
