import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { IndicatorCode } from '../indicators/indicator.schemas.ts';
import { procedure, router } from '../trpc.ts';
import { announceRelease, releaseCalendar } from './release.service.ts';

const ReleaseView = z.object({
  indicator: z.string(),
  period: z.string(),
  releaseAt: z.string(),
  announcedAt: z.string(),
  announcedBy: z.string(),
});

/** The release calendar (发布日程表): announced beforehand; a figure is embargoed until its time. */
export const releasesRouter = router({
  announce: procedure
    .requires('macroeconomics.release.announce')
    .input(
      z.strictObject({
        indicator: IndicatorCode,
        period: z.string().max(7),
        releaseAt: z.iso.datetime({ offset: true }),
      }),
    )
    .output(ReleaseView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`indicator:${input.indicator.toLowerCase()}`);
      return announceRelease(ctx.db, input, recorderOf(ctx));
    }),
  /** Public: the calendar is announced to everyone beforehand (the figures are not). */
  calendar: procedure
    .public()
    .input(z.strictObject({ from: z.iso.datetime({ offset: true }).optional() }))
    .output(z.array(ReleaseView))
    .query(({ ctx, input }) => releaseCalendar(ctx.db, input.from ? new Date(input.from) : undefined)),
});
