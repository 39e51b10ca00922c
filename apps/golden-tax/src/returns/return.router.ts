import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import { z } from 'zod';
import { returnFiled, returnFiledPayload } from '../events.ts';
import { auditObject } from '../shared/audit.ts';
import { creditCodeInput, periodInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { duePayment, markPaid } from './payment.service.ts';
import { fileReturn, getReturn } from './return.service.ts';

const PaymentView = z.strictObject({
  reference: z.string(),
  amountFen: z.number().int(),
  dueOn: z.string(),
  status: z.enum(['due', 'paid']),
  treasuryReceipt: z.string().nullable(),
});

export const ReturnView = z.strictObject({
  returnId: z.string(),
  creditCode: z.string(),
  period: z.string(),
  kind: z.enum(['general', 'small-scale']),
  outputTaxFen: z.number().int(),
  inputTaxFen: z.number().int(),
  creditBroughtForwardFen: z.number().int(),
  payableFen: z.number().int(),
  creditCarriedForwardFen: z.number().int(),
  payment: PaymentView.nullable(),
});

const PeriodOf = z.strictObject({ creditCode: creditCodeInput, period: periodInput });

/** VAT returns (增值税申报) and their payment into the treasury. */
export const returnsRouter = router({
  file: procedure
    .requires('golden-tax.return.file')
    .input(PeriodOf)
    .output(ReturnView)
    .mutation(async ({ ctx, input }) => {
      const { id, ...filed } = await fileReturn(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(auditObject.return(id), auditObject.taxpayer(filed.creditCode));
      await ctx.publish(returnFiled, returnFiledPayload({ id, ...filed }));
      return { returnId: id, ...filed };
    }),
  get: procedure
    .requires('golden-tax.return.read')
    .input(PeriodOf)
    .output(ReturnView)
    .query(async ({ ctx, input }) => {
      const { id, ...found } = await getReturn(ctx.db, input.creditCode, input.period);
      return { returnId: id, ...found };
    }),
  /**
   * Pays a filed return's VAT into the treasury through golden-finance
   * (`treasury.receive`, source `domestic-vat`); only the treasury's receipt
   * marks the payment paid (`markPaid`). Not wired yet: this checks what is
   * due and then refuses with 503. No payment is faked.
   */
  pay: procedure
    .requires('golden-tax.return.pay')
    .input(PeriodOf)
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => {
      const { vatReturn } = await duePayment(ctx.db, input.creditCode, input.period);
      ctx.audit.objects(auditObject.return(vatReturn.id));
      // Into the treasury (golden-finance), keyed by the payment reference: a retried payment gets the first receipt.
      const receipt = await ctx.connect<GoldenFinanceRouter>('golden-finance').treasury.receive.mutate({
        source: 'domestic-vat',
        sourceReference: vatReturn.payment!.reference,
        payer: input.creditCode,
        amountFen: vatReturn.payment!.amountFen,
        receivedAt: ctx.now().toISOString(),
      });
      return markPaid(ctx.db, vatReturn.id, {
        receiptId: receipt.id,
        receivedAt: new Date(receipt.receivedAt),
      });
    }),
});
