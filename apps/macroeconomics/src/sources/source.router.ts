import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { sourcesOverNetwork } from '../shared/exchange.ts';
import { procedure, router } from '../trpc.ts';
import { PUBLICATION_IDS } from './source.rules.ts';
import { pull, subscribe } from './source.service.ts';

const PublicationId = z.enum(PUBLICATION_IDS);

/**
 * Ingestion through the catalog and exchange only: the grants this system holds on other agencies'
 * publications, and pulling a period's publication under one. Nothing else writes figures.
 */
export const sourcesRouter = router({
  subscribe: procedure
    .requires('macroeconomics.source.manage')
    .input(
      z.strictObject({
        resourceId: PublicationId,
        grantId: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9-]+$/),
      }),
    )
    .output(z.object({ resourceId: z.string(), ownerApp: z.string(), grantId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`resource:${input.resourceId.toLowerCase()}`, `grant:${input.grantId.toLowerCase()}`);
      return subscribe(ctx.db, input, recorderOf(ctx));
    }),
  pull: procedure
    .requires('macroeconomics.source.pull')
    .input(z.strictObject({ resourceId: PublicationId, period: z.string().max(7) }))
    .output(
      z.object({
        datasetId: z.string(),
        sameAsBefore: z.boolean(),
        first: z.number(),
        revised: z.number(),
        unchanged: z.number(),
        indicators: z.array(z.string()),
        derived: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const pulled = await pull(
        ctx.db,
        input,
        sourcesOverNetwork(ctx.connect),
        { requestId: ctx.requestId, traceId: ctx.traceId },
        recorderOf(ctx),
      );
      ctx.audit.objects(`dataset:${pulled.datasetId}`, `resource:${input.resourceId.toLowerCase()}`);
      return pulled;
    }),
});
