import { chinaDate, fenTotalSchema } from '@egov/standards';
import { z } from 'zod';
import { isoDateInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { runReconciliation } from './reconciliation.service.ts';

/** Exact decimal strings of fen: totals pass 2^53 fen over the years. */
const fen = fenTotalSchema;

/** A day that has begun in China: the books of a future day cannot be closed. */
const pastOrTodayInput = isoDateInput.refine((d) => d <= chinaDate(new Date()), {
  message: 'date is in the future',
  params: { rule: 'in_future' },
});

export const ReconciliationReport = z.strictObject({
  runId: z.uuid(),
  date: z.iso.date(),
  tsa: z.strictObject({
    ledgerFen: fen,
    receiptsFen: fen,
    paymentsFen: fen,
    expectedFen: fen,
    differenceFen: fen,
  }),
  ledger: z.strictObject({ totalDebitFen: fen, totalCreditFen: fen }),
  differences: z.array(
    z.strictObject({
      kind: z.enum([
        'tsa_balance',
        'ledger_unbalanced',
        'zba_not_cleared',
        'match_inconsistent',
        'receipt_in_suspense',
        'expected_unpaid',
      ]),
      reference: z.string(),
      amountFen: fen,
      message: z.string(),
    }),
  ),
  reconciled: z.boolean(),
});

/** Reconciliation (对账): a mutation because each run is kept (and audited). */
export const reconciliationRouter = router({
  run: procedure
    .requires('golden-finance.reconciliation.run')
    .input(z.strictObject({ date: pastOrTodayInput }))
    .output(ReconciliationReport)
    .mutation(async ({ ctx, input }) => {
      const report = await inTransaction(ctx.db, (trx) =>
        runReconciliation(trx, input.date, recorderOf(ctx)),
      );
      ctx.audit.objects(`reconciliation:${report.runId}`);
      return report;
    }),
});
