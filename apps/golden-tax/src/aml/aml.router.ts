import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import { DomainError } from '@egov/kernel/errors';
import { z } from 'zod';
import { creditCodeInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { invoiceFindings, summarise } from './aml.service.ts';

const Findings = z.strictObject({
  registered: z.boolean(),
  issued: z.number(),
  issuedTotalFen: z.string(),
  voided: z.number(),
  received: z.number(),
  receivedTotalFen: z.string(),
  counterparties: z.number(),
  largestInvoiceFen: z.string(),
});

/**
 * Anti-money-laundering checks (S2 flow 6): on a referral, the invoices of the
 * company a case names, over the case's period, summed and attached to the
 * case at golden-shield. Golden-tax learns the case number, the company and
 * the period, nothing about the person.
 */
export const amlRouter = router({
  checkInvoices: procedure
    .requires('golden-tax.aml.check')
    .input(
      z.strictObject({
        caseNo: z.string().regex(/^AML-\d{4}-\d{6,12}$/, 'a case number such as AML-2026-000001'),
        creditCode: creditCodeInput,
        periodFrom: z.iso.date(),
        periodTo: z.iso.date(),
      }),
    )
    .output(z.strictObject({ caseNo: z.string(), summary: z.string(), findings: Findings }))
    .mutation(async ({ ctx, input }) => {
      if (input.periodFrom > input.periodTo)
        throw new DomainError('INVALID', 'the period ends before it starts', {
          field: 'periodTo',
          rule: 'period_order',
        });
      ctx.audit.objects(`case:${input.caseNo}`, `taxpayer:${input.creditCode}`);
      const findings = await invoiceFindings(ctx.db, input.creditCode, input.periodFrom, input.periodTo);
      const summary = summarise(input.creditCode, input.periodFrom, input.periodTo, findings);
      await ctx.connect<GoldenShieldRouter>('golden-shield').cases.attach.mutate({
        caseNo: input.caseNo,
        kind: 'tax-invoices',
        summary,
        details: {
          creditCode: input.creditCode,
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          ...findings,
        },
      });
      return { caseNo: input.caseNo, summary, findings };
    }),
});
