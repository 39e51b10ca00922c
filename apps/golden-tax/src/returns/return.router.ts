import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { returnFiled, returnFiledPayload } from '../events.ts';
import { auditObject } from '../shared/audit.ts';
import { creditCodeInput, periodInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { PayInput, payStep } from './pay.step.ts';
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
   * (`treasury.receive`, source `domestic-vat`) as a durable step (`pay.step.ts`):
   * only the treasury's receipt marks the payment paid (`markPaid`), and a
   * payment whose process dies between the treasury's commit and golden-tax's
   * is resumed by the kernel's step recovery, with no second receipt.
   */
  pay: procedure
    .requires('golden-tax.return.pay')
    .input(PayInput)
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => ctx.step(payStep, input)),
});
