import { sql } from 'kysely';
import type { GoldenFinanceDb } from '../database.ts';
import { TSA } from '../ledger/ledger.rules.ts';
import { accountBalance, trialBalance } from '../ledger/ledger.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { isoDate, sumFen } from '@egov/kernel/db';
import { fenTotal } from '@egov/standards';
import { type ReconciliationFacts, reconcile } from './reconciliation.rules.ts';

/** Gathers what `reconcile` compares, up to the end of `date` (China). */
async function gatherFacts(db: GoldenFinanceDb, date: string): Promise<ReconciliationFacts> {
  const tsa = await accountBalance(db, TSA, date);
  const tb = await trialBalance(db, date);
  const received = await db
    .selectFrom('receipt')
    .select(sumFen('amount').as('total'))
    .where('business_date', '<=', date)
    .executeTakeFirstOrThrow();
  const paid = await db
    .selectFrom('payment')
    .select(sumFen('amount').as('total'))
    .where('status', '=', 'executed')
    .where('business_date', '<=', date)
    .executeTakeFirstOrThrow();
  const suspense = await db
    .selectFrom('receipt')
    .select(['id', 'source', 'source_reference as sourceReference', 'amount', 'suspense_reason as reason'])
    .where('status', '=', 'suspense')
    .where('business_date', '<=', date)
    .orderBy('received_at')
    .execute();
  const unpaid = await db
    .selectFrom('expected_item')
    .select([
      'id',
      'source',
      'source_reference as sourceReference',
      'amount',
      isoDate('due_date').as('dueDate'),
    ])
    .where('status', '=', 'open')
    .where('due_date', '<=', date)
    .orderBy('due_date')
    .execute();
  const mismatched = await db
    .selectFrom('receipt')
    .innerJoin('expected_item', 'expected_item.id', 'receipt.expected_item_id')
    .select(['receipt.id', 'receipt.amount', 'expected_item.amount as expected'])
    .where(sql<boolean>`receipt.amount <> expected_item.amount`)
    .execute();
  return {
    date,
    tsaLedgerFen: fenTotal(tsa.balanceFen),
    receiptsFen: fenTotal(received.total),
    paymentsFen: fenTotal(paid.total),
    ledger: { totalDebitFen: fenTotal(tb.totalDebitFen), totalCreditFen: fenTotal(tb.totalCreditFen) },
    uncleared: tb.accounts
      .filter((a) => a.code.startsWith('zba.') && a.balanceFen !== '0')
      .map((a) => ({ account: a.code, balanceFen: fenTotal(a.balanceFen) })),
    suspense: suspense.map((s) => ({ ...s, amountFen: fenTotal(s.amount), reason: s.reason ?? 'unknown' })),
    unpaid: unpaid.map((u) => ({ ...u, amountFen: fenTotal(u.amount) })),
    mismatched: mismatched.map((m) => ({
      id: m.id,
      amountFen: fenTotal(m.amount),
      expectedFen: fenTotal(m.expected),
    })),
  };
}

/**
 * Runs the reconciliation of a treasury day (对账) and keeps the report.
 *
 * @example
 * const report = await runReconciliation(trx, '2026-11-20', recorder);
 * report.reconciled // false while anything is in suspense or unpaid
 */
export async function runReconciliation(trx: GoldenFinanceDb, date: string, recorder: Recorder) {
  const result = reconcile(await gatherFacts(trx, date));
  const { id } = await trx
    .insertInto('reconciliation_run')
    .values({
      date,
      balanced: result.reconciled,
      report: JSON.stringify(result),
      run_at: recorder.at,
      run_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { runId: id, date, ...result };
}
