import { z } from 'zod';
import { auditObject } from '../shared/audit.ts';
import { creditCodeInput, invoiceNumberInput, periodInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { claimInvoice, listInputs } from './input.service.ts';

export const InputView = z.strictObject({
  source: z.enum(['invoice', 'customs']),
  reference: z.string(),
  declarationId: z.string().nullable(),
  taxFen: z.number().int(),
  period: z.string(),
  evidenceDate: z.string(),
});

/** Deductible input VAT: claimed invoices here; customs certificates arrive as events. */
export const inputsRouter = router({
  recordInvoice: procedure
    .requires('golden-tax.input.record')
    .input(z.strictObject({ creditCode: creditCodeInput, number: invoiceNumberInput, period: periodInput }))
    .output(InputView)
    .mutation(async ({ ctx, input }) => {
      const credit = await claimInvoice(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(auditObject.taxpayer(input.creditCode), auditObject.invoice(input.number));
      return credit;
    }),
  list: procedure
    // Catalog resource GT-INP-0001: another agency's app reads deductions only under the tax administration's grant.
    .requires('golden-tax.input.read', { resource: { id: 'GT-INP-0001', sharing: 'conditional' } })
    .input(z.strictObject({ creditCode: creditCodeInput, period: periodInput }))
    .output(z.array(InputView))
    .query(({ ctx, input }) => listInputs(ctx.db, input.creditCode, input.period)),
});
