import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { creditCodeInput, dayInput } from '../shared/inputs.ts';
import { canReveal, presentCustomerId } from '../shared/reveal.ts';
import { procedure, router } from '../trpc.ts';
import { categories, currencies } from './transaction.rules.ts';
import { listLargeValueReports, submitBatch } from './transaction.service.ts';

/** At most 1,000,000 characters: under the kernel's 1 MiB body limit, so the rule is named before the 413. */
export const MAX_CONTENT_CHARS = 1_000_000;

const RowErrorView = z.strictObject({
  line: z.number(),
  field: z.string(),
  rule: z.string(),
  message: z.string(),
});

/** Transaction files from institutions, and the large-value reports they produce. */
export const transactionsRouter = router({
  submit: procedure
    .requires('financial-supervision.transaction.submit')
    .input(
      z.strictObject({
        institution: creditCodeInput,
        format: z.enum(['csv', 'jsonl']),
        /** The file: lines of CSV (with its header) or of JSON objects. */
        content: z.string().max(MAX_CONTENT_CHARS).meta({ multiline: true }),
      }),
    )
    .output(
      z.strictObject({
        batchId: z.number(),
        rowsRead: z.number(),
        rowsAccepted: z.number(),
        rowsRefused: z.number(),
        errors: z.array(RowErrorView),
        largeValueReports: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.institution}`);
      const result = await submitBatch(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`transaction-batch:${result.batchId}`);
      return result;
    }),
  largeValue: procedure
    .requires('financial-supervision.transaction.read')
    .input(
      z.strictObject({
        institution: creditCodeInput.optional(),
        overdue: z.boolean().optional(),
        bookedOn: dayInput.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      }),
    )
    .output(
      z.array(
        z.strictObject({
          id: z.number(),
          institution: z.string(),
          customerType: z.enum(['individual', 'organisation']),
          customerId: z.string(),
          customerName: z.string(),
          bookedOn: z.string(),
          category: z.enum(categories),
          currency: z.enum(currencies),
          direction: z.enum(['in', 'out']),
          totalMinor: z.string(),
          transactions: z.number(),
          thresholdMinor: z.number(),
          dueOn: z.string(),
          receivedOn: z.string(),
          overdue: z.boolean(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const revealed = canReveal(ctx.principal);
      const reports = await listLargeValueReports(ctx.db, input);
      if (revealed && reports.length > 0)
        ctx.audit.revealed(
          ...reports.filter((r) => r.customerType === 'individual').map((r) => `large-value-report:${r.id}`),
        );
      return reports.map((r) => ({
        ...r,
        customerId: presentCustomerId(r.customerType, r.customerId, revealed),
      }));
    }),
});
