import { formatYuan } from '@egov/standards';

/** What the treasury knows up to the end of a day, gathered by the service. */
export interface ReconciliationFacts {
  date: string;
  /** The TSA's ledger balance at the end of `date`. */
  tsaLedgerFen: number;
  /** Every receipt received up to `date`, matched or in suspense: cash that came in. */
  receiptsFen: number;
  /** Every payment executed up to `date`: cash that went out. */
  paymentsFen: number;
  ledger: { totalDebitFen: number; totalCreditFen: number };
  /** Zero-balance accounts with a balance at the end of `date` (there should be none). */
  uncleared: { account: string; balanceFen: number }[];
  /** Receipts received up to `date` still in suspense. */
  suspense: { id: string; source: string; sourceReference: string; amountFen: number; reason: string }[];
  /** Expected items due up to `date` still unpaid. */
  unpaid: { id: string; source: string; sourceReference: string; amountFen: number; dueDate: string }[];
  /** Matched receipts whose amount differs from their item's (there should be none). */
  mismatched: { id: string; amountFen: number; expectedFen: number }[];
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
  amountFen: number;
  message: string;
}

/**
 * Compares the treasury's books with its documents: the TSA's ledger balance
 * against receipts minus payments, the ledger's debits against its credits,
 * the zero-balance accounts against zero, matched receipts against their
 * items; then lists what is still open (receipts in suspense, items unpaid
 * after their due date). Pure: the service gathers the facts.
 *
 * @example
 * reconcile(facts).differences // [] when everything agrees and nothing is open
 */
export function reconcile(facts: ReconciliationFacts) {
  const differences: Difference[] = [];
  const expectedFen = facts.receiptsFen - facts.paymentsFen;
  const differenceFen = facts.tsaLedgerFen - expectedFen;
  if (differenceFen !== 0) {
    differences.push({
      kind: 'tsa_balance',
      reference: 'account:tsa',
      amountFen: differenceFen,
      message: `TSA ledger balance ${formatYuan(facts.tsaLedgerFen)} differs from receipts minus payments ${formatYuan(expectedFen)} by ${formatYuan(differenceFen)}`,
    });
  }
  const { totalDebitFen, totalCreditFen } = facts.ledger;
  if (totalDebitFen !== totalCreditFen) {
    differences.push({
      kind: 'ledger_unbalanced',
      reference: 'ledger',
      amountFen: totalDebitFen - totalCreditFen,
      message: `debits ${formatYuan(totalDebitFen)} do not equal credits ${formatYuan(totalCreditFen)}`,
    });
  }
  for (const z of facts.uncleared) {
    differences.push({
      kind: 'zba_not_cleared',
      reference: `account:${z.account}`,
      amountFen: z.balanceFen,
      message: `zero-balance account ${z.account} holds ${formatYuan(z.balanceFen)}`,
    });
  }
  for (const m of facts.mismatched) {
    differences.push({
      kind: 'match_inconsistent',
      reference: `receipt:${m.id}`,
      amountFen: m.amountFen - m.expectedFen,
      message: `matched receipt of ${formatYuan(m.amountFen)} against an item of ${formatYuan(m.expectedFen)}`,
    });
  }
  for (const s of facts.suspense) {
    differences.push({
      kind: 'receipt_in_suspense',
      reference: `receipt:${s.id}`,
      amountFen: s.amountFen,
      message: `${s.source} ${s.sourceReference} ${formatYuan(s.amountFen)} in suspense (${s.reason})`,
    });
  }
  for (const u of facts.unpaid) {
    differences.push({
      kind: 'expected_unpaid',
      reference: `expected-item:${u.id}`,
      amountFen: u.amountFen,
      message: `${u.source} ${u.sourceReference} ${formatYuan(u.amountFen)} due ${u.dueDate} not received`,
    });
  }
  return {
    tsa: {
      ledgerFen: facts.tsaLedgerFen,
      receiptsFen: facts.receiptsFen,
      paymentsFen: facts.paymentsFen,
      expectedFen,
      differenceFen,
    },
    ledger: facts.ledger,
    differences,
    reconciled: differences.length === 0,
  };
}
