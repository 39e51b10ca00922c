import { DomainError } from '@egov/kernel/errors';
import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { requireIndicator } from '../indicators/indicator.service.ts';
import { periodStart } from '../indicators/period.rules.ts';
import { EMBARGO_SCOPE, requireReadable } from '../releases/release.service.ts';
import { ObservationView, SeriesKey, SeriesPointView } from '../shared/series-key.ts';
import { procedure, router } from '../trpc.ts';
import { computeDerived } from './derived.service.ts';
import { series, traceFigure } from './figure.service.ts';

const TraceView = z.object({
  revisions: z.array(ObservationView),
  derived: z.array(
    z.object({
      measure: z.string(),
      value: z.string(),
      computedAt: z.string(),
      inputs: z.array(ObservationView),
    }),
  ),
});

/**
 * Figures and their derived changes. Derived figures are computed here and nowhere typed in: no
 * procedure takes one. Embargoed figures are read only within the object scope `embargo`.
 */
export const figuresRouter = router({
  /** A series: the producing team sees every period, everyone else the released ones. */
  series: procedure
    .requires('macroeconomics.figure.read')
    .input(SeriesKey)
    .output(z.array(SeriesPointView))
    .query(async ({ ctx, input }) => {
      const indicator = await requireIndicator(ctx.db, input.indicator);
      return series(
        ctx.db,
        { ...input, industry: input.industry ?? '', frequency: indicator.frequency },
        { releasedOnly: !ctx.scope.allows(EMBARGO_SCOPE, indicator.code), now: ctx.now() },
      );
    }),
  /** Public (the public zone reaches it): released figures only, the moment their release time comes. */
  published: procedure
    .public()
    .input(SeriesKey)
    .output(z.array(SeriesPointView))
    .query(async ({ ctx, input }) => {
      const indicator = await requireIndicator(ctx.db, input.indicator);
      return series(
        ctx.db,
        { ...input, industry: input.industry ?? '', frequency: indicator.frequency },
        { releasedOnly: true, now: ctx.now() },
      );
    }),
  /** One figure traced to its sources; before its release, refused by the kernel outside the team. */
  trace: procedure
    .requires('macroeconomics.figure.read')
    .input(SeriesKey.extend({ period: z.string().max(7) }))
    .output(TraceView)
    .query(async ({ ctx, input }) => {
      const indicator = await requireIndicator(ctx.db, input.indicator);
      const start = periodStart(input.period, indicator.frequency);
      if (!start.ok) throw new DomainError('INVALID', start.message, { field: 'period', rule: start.part });
      await requireReadable(ctx.db, ctx.scope, indicator.code, start.value, ctx.now());
      return traceFigure(ctx.db, { ...input, industry: input.industry ?? '', periodStart: start.value });
    }),
  /** Recomputes every derived figure from the current revisions (after a change of definitions). */
  recompute: procedure
    .requires('macroeconomics.derived.compute')
    .input(z.strictObject({ indicators: z.array(z.string().max(32)).max(100).optional() }))
    .output(z.object({ derived: z.number() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects('derived:all');
      return { derived: await computeDerived(ctx.db, input.indicators, recorderOf(ctx).at) };
    }),
});
