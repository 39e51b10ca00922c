import { recorderOf } from '@egov/kernel/trpc';
import { creditCodeSchema, pastDateSchema } from '@egov/standards';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import {
  ImposeFineInput,
  imposeFineStep,
  PayFineInput,
  payFineStep,
  sampleNumberInput,
} from './fine.step.ts';
import { failedSamples, getSample, recordResult, recordSample, type Sample } from './sample.service.ts';

export const SampleView = z.strictObject({
  number: z.string(),
  planCode: z.string(),
  productName: z.string(),
  producerCreditCode: z.string(),
  producerName: z.string(),
  batchNo: z.string(),
  sampledOn: z.string(),
  result: z.enum(['pass', 'fail']).nullable(),
  findings: z.string().nullable(),
  recallOrdered: z.boolean(),
  fine: z
    .strictObject({
      sourceReference: z.string(),
      amountFen: z.number().int(),
      dueOn: z.string(),
      paid: z.boolean(),
      receiptId: z.string().nullable(),
      receiptStatus: z.string().nullable(),
    })
    .nullable(),
});

function present(ctx: { audit: { objects(...ids: string[]): void } }, s: Sample): z.infer<typeof SampleView> {
  ctx.audit.objects(`sample:${s.number}`);
  return {
    number: s.number,
    planCode: s.planCode,
    productName: s.productName,
    producerCreditCode: s.producerCreditCode,
    producerName: s.producerName,
    batchNo: s.batchNo,
    sampledOn: s.sampledOn,
    result: s.result,
    findings: s.findings,
    recallOrdered: s.recallOrderedAt !== null,
    fine: s.fine && {
      sourceReference: s.fine.sourceReference,
      amountFen: s.fine.amountFen,
      dueOn: s.fine.dueOn,
      paid: s.fine.paidAt !== null,
      receiptId: s.fine.receiptId,
      receiptStatus: s.fine.receiptStatus,
    },
  };
}

/** Sampling inspections (监督抽查): plan, sample, laboratory result; a failure orders a recall. */
export const samplesRouter = router({
  record: procedure
    .requires('golden-quality.sample.record')
    .input(
      z.strictObject({
        planCode: z
          .string()
          .regex(/^[A-Za-z0-9-]{2,40}$/, 'a plan code is 2 to 40 letters, digits or dashes'),
        productName: z.string().trim().min(1).max(200),
        producerCreditCode: creditCodeSchema,
        batchNo: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,40}$/, 'a batch number is 1 to 40 letters, digits or dashes'),
        sampledOn: pastDateSchema(),
      }),
    )
    .output(SampleView)
    .mutation(async ({ ctx, input }) => present(ctx, await recordSample(ctx.db, input, recorderOf(ctx)))),
  recordResult: procedure
    .requires('golden-quality.sample.record')
    .input(
      z.strictObject({
        number: sampleNumberInput,
        result: z.enum(['pass', 'fail']),
        findings: z.string().trim().min(2).max(2000),
      }),
    )
    .output(SampleView)
    .mutation(async ({ ctx, input }) => present(ctx, await recordResult(ctx.db, input, recorderOf(ctx)))),
  get: procedure
    .requires('golden-quality.sample.read')
    .input(z.strictObject({ number: sampleNumberInput }))
    .output(SampleView)
    .query(async ({ ctx, input }) => present(ctx, await getSample(ctx.db, input.number))),
});

/** Fines on failed samples, expected and received by golden-finance as non-tax revenue (durable steps). */
export const finesRouter = router({
  impose: procedure
    .requires('golden-quality.fine.impose')
    .input(ImposeFineInput)
    .output(SampleView)
    .mutation(async ({ ctx, input }) => {
      await ctx.step(imposeFineStep, input);
      return present(ctx, await getSample(ctx.db, input.number));
    }),
  pay: procedure
    .requires('golden-quality.fine.collect')
    .input(PayFineInput)
    .output(SampleView)
    .mutation(async ({ ctx, input }) => {
      await ctx.step(payFineStep, input);
      return present(ctx, await getSample(ctx.db, input.number));
    }),
});

export const PublishedFailure = z.strictObject({
  productName: z.string(),
  producerName: z.string(),
  producerCreditCode: z.string(),
  batchNo: z.string(),
  sampledOn: z.string(),
  findings: z.string(),
  recallOrdered: z.boolean(),
});

/**
 * The public notice of failed samples (抽查不合格产品信息公示), which the portal
 * shows: product, producer, batch, what failed, whether a recall is ordered.
 */
export const publicationsRouter = router({
  failedSamples: procedure
    .public()
    .input(z.strictObject({ limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.array(PublishedFailure))
    .query(async ({ ctx, input }) =>
      (await failedSamples(ctx.db, input.limit)).map((s) => ({
        productName: s.productName,
        producerName: s.producerName,
        producerCreditCode: s.producerCreditCode,
        batchNo: s.batchNo,
        sampledOn: s.sampledOn,
        findings: s.findings ?? '',
        recallOrdered: s.recallOrderedAt !== null,
      })),
    ),
});
