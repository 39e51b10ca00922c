import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { DefineIndicatorInput, IndicatorView } from './indicator.schemas.ts';
import { defineIndicator, listIndicators } from './indicator.service.ts';

/** Indicators (指标): what the database keeps, in which unit and frequency, fed from which publication. */
export const indicatorsRouter = router({
  define: procedure
    .requires('macroeconomics.indicator.define')
    .input(DefineIndicatorInput)
    .output(IndicatorView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`indicator:${input.code.toLowerCase()}`);
      return defineIndicator(ctx.db, input, recorderOf(ctx));
    }),
  list: procedure
    .requires('macroeconomics.indicator.read')
    .input(z.strictObject({}).optional())
    .output(z.array(IndicatorView))
    .query(({ ctx }) => listIndicators(ctx.db)),
});
