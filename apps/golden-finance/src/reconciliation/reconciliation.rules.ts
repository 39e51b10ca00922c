import { type FenTotal, formatYuan } from '@egov/standards';

/**
 * What the treasury knows up to the end of a day, gathered by the service.
 * Amounts are exact bigint fen: totals pass 2^53 fen over the years.
 */
export interface ReconciliationFacts {
  date: string;
  /** The TSA's ledger balance at the end of `date`. */
  tsaLedgerFen: bigint;
  /** Every receipt received up to `date`, matched or in suspense: cash that came in. */
  receiptsFen: bigint;
  /** Every payment executed up to `date`: cash that went out. */
  paymentsFen: bigint;
  ledger: { totalDebitFen: bigint; totalCreditFen: bigint };
  /** Zero-balance accounts with a balance at the end of `date` (there should be none). */
  uncleared: { account: string; balanceFen: bigint }[];
  /** Receipts received up to `date` still in suspense. */
  suspense: { id: string; source: string; sourceReference: string; amountFen: bigint; reason: string }[];
  /** Expected items due up to `date` still unpaid. */
  unpaid: { id: string; source: string; sourceReference: string; amountFen: bigint; dueDate: string }[];
  /** Matched receipts whose amount differs from their item's (there should be none). */
  mismatched: { id: string; amountFen: bigint; expectedFen: bigint }[];
}

export type DifferenceKind =
  | 'tsa_balance'
  | 'ledger_unbalanced'
  | 'zba_not_cleared'
  | 'match_inconsistent'
  | 'receipt_in_suspense'
  | 'expected_unpaid';

export interface Difference {
  kind: DifferenceKind;
  /** What it is about: `account:tsa`, `receipt:<uuid>`, `expected-item:<uuid>`. */
  reference: string;
  /** Exact fen as a decimal string. */
  amountFen: FenTotal;
  message: string;
}

/**
 * Compares the treasury's books with its documents: the TSA's ledger balance
 * against receipts minus payments, the ledger's debits against its credits,
 * the zero-balance accounts against zero, matched receipts against their
 * items; then lists what is still open (receipts in suspense, items unpaid
 * after their due date). Pure: the service gathers the facts. Computed in
 * bigint, reported as exact decimal strings of fen.
 *
 * @example
 * reconcile(facts).differences // [] when everything agrees and nothing is open
 */
export function reconcile(facts: ReconciliationFacts) {
  const differences: Difference[] = [];
  const expectedFen = facts.receiptsFen - facts.paymentsFen;
  const differenceFen = facts.tsaLedgerFen - expectedFen;
  if (differenceFen !== 0n) {
    differences.push({
      kind: 'tsa_balance',
      reference: 'account:tsa',
      amountFen: String(differenceFen),
      message: `TSA ledger balance ${formatYuan(facts.tsaLedgerFen)} differs from receipts minus payments ${formatYuan(expectedFen)} by ${formatYuan(differenceFen)}`,
    });
  }
  const { totalDebitFen, totalCreditFen } = facts.ledger;
  if (totalDebitFen !== totalCreditFen) {
    differences.push({
      kind: 'ledger_unbalanced',
      reference: 'ledger',
      amountFen: String(totalDebitFen - totalCreditFen),
      message: `debits ${formatYuan(totalDebitFen)} do not equal credits ${formatYuan(totalCreditFen)}`,
    });
  }
  for (const z of facts.uncleared) {
    differences.push({
      kind: 'zba_not_cleared',
      reference: `account:${z.account}`,
      amountFen: String(z.balanceFen),
      message: `zero-balance account ${z.account} holds ${formatYuan(z.balanceFen)}`,
    });
  }
  for (const m of facts.mismatched) {
    differences.push({
      kind: 'match_inconsistent',
      reference: `receipt:${m.id}`,
      amountFen: String(m.amountFen - m.expectedFen),
      message: `matched receipt of ${formatYuan(m.amountFen)} against an item of ${formatYuan(m.expectedFen)}`,
    });
  }
  for (const s of facts.suspense) {
    differences.push({
      kind: 'receipt_in_suspense',
      reference: `receipt:${s.id}`,
      amountFen: String(s.amountFen),
      message: `${s.source} ${s.sourceReference} ${formatYuan(s.amountFen)} in suspense (${s.reason})`,
    });
  }
  for (const u of facts.unpaid) {
    differences.push({
      kind: 'expected_unpaid',
      reference: `expected-item:${u.id}`,
      amountFen: String(u.amountFen),
      message: `${u.source} ${u.sourceReference} ${formatYuan(u.amountFen)} due ${u.dueDate} not received`,
    });
  }
  return {
    tsa: {
      ledgerFen: String(facts.tsaLedgerFen),
      receiptsFen: String(facts.receiptsFen),
      paymentsFen: String(facts.paymentsFen),
      expectedFen: String(expectedFen),
      differenceFen: String(differenceFen),
    },
    ledger: { totalDebitFen: String(totalDebitFen), totalCreditFen: String(totalCreditFen) },
    differences,
    reconciled: differences.length === 0,
  };
}
