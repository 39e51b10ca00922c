import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { creditCodeInput, dayInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { prudentialMetrics } from './prudential.rules.ts';
import { fileReport, listAlerts, setThreshold, thresholdsOn } from './prudential.service.ts';

/** An amount in fen as a decimal integer string (figures of large banks pass 2^53 fen), at most 10^19. */
const fenFigure = z
  .string()
  .regex(/^\d{1,19}$/, 'an amount in whole fen, as a string of at most 19 digits (no sign, no decimals)')
  .transform((s) => BigInt(s));

/** A percentage with up to four decimals, e.g. '10.5'. */
const percentInput = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage such as 10.5 (up to 4 decimals)');

const quarterInput = z.string().regex(/^\d{4}Q[1-4]$/, 'a quarter such as 2025Q3');

const ThresholdView = z.strictObject({
  metric: z.enum(prudentialMetrics),
  minimum: z.string(),
  warning: z.string(),
  effectiveFrom: z.string(),
  source: z.string(),
  origin: z.enum(['configured', 'national-default']),
});

const AlertView = z.strictObject({
  metric: z.enum(prudentialMetrics),
  level: z.enum(['breach', 'warning']),
  ratio: z.string(),
  threshold: z.string(),
});

/** Quarterly prudential reports of banks, with alerts under dated thresholds. */
export const prudentialRouter = router({
  thresholds: procedure
    .requires('financial-supervision.prudential.read')
    .input(z.strictObject({ on: dayInput }))
    .output(z.array(ThresholdView))
    .query(({ ctx, input }) => thresholdsOn(ctx.db, input.on)),
  setThreshold: procedure
    .requires('financial-supervision.threshold.set')
    .input(
      z.strictObject({
        metric: z.enum(prudentialMetrics),
        effectiveFrom: dayInput,
        minimum: percentInput,
        warning: percentInput,
        /** The regulation or notice that sets it. */
        source: z.string().trim().min(5).max(300),
      }),
    )
    .output(ThresholdView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`threshold:${input.metric}/${input.effectiveFrom}`);
      return setThreshold(ctx.db, input, recorderOf(ctx));
    }),
  file: procedure
    .requires('financial-supervision.prudential.file')
    .input(
      z.strictObject({
        institution: creditCodeInput,
        quarter: quarterInput,
        figures: z.strictObject({
          coreTier1Capital: fenFigure,
          tier1Capital: fenFigure,
          totalCapital: fenFigure,
          riskWeightedAssets: fenFigure,
          highQualityLiquidAssets: fenFigure,
          netCashOutflows30d: fenFigure,
        }),
      }),
    )
    .output(
      z.strictObject({
        id: z.number(),
        institution: z.string(),
        quarter: z.string(),
        ratios: z.record(z.enum(prudentialMetrics), z.string()),
        alerts: z.array(AlertView),
        filedAt: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`institution:${input.institution}`);
      const report = await fileReport(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`prudential-report:${report.id}`);
      return report;
    }),
  alerts: procedure
    .requires('financial-supervision.prudential.read')
    .input(z.strictObject({ quarter: quarterInput.optional(), institution: creditCodeInput.optional() }))
    .output(z.array(AlertView.extend({ institution: z.string(), quarter: z.string() })))
    .query(({ ctx, input }) => listAlerts(ctx.db, input)),
});
