import { z } from 'zod';
import { actorOf } from '../shared/actor.ts';
import { procedure, router } from '../trpc.ts';
import { drawProjectSample, listSamples } from './sampling.service.ts';

export const SampleView = z.strictObject({
  id: z.uuid(),
  projectId: z.uuid(),
  pullId: z.uuid(),
  method: z.enum(['random', 'monetary-unit']),
  seed: z.number().int(),
  size: z.number().int(),
  populationCount: z.number().int(),
  populationFen: z.string(),
  intervalFen: z.string().nullable(),
  selected: z.array(z.string()),
  drawnBy: z.string(),
  drawnAt: z.string(),
});

/** Audit sampling (审计抽样): a stated method, reproducible from the recorded seed. */
export const samplesRouter = router({
  draw: procedure
    .requires('golden-audit.sample.draw')
    .input(
      z.strictObject({
        projectId: z.uuid(),
        pullId: z.uuid(),
        method: z.enum(['random', 'monetary-unit']),
        size: z.number().int().min(1).max(100_000),
        /** Omitted: a fresh seed, recorded with the sample. */
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .optional(),
      }),
    )
    .output(SampleView)
    .mutation(async ({ ctx, input }) => {
      const sample = await drawProjectSample(ctx.db, input, actorOf(ctx));
      ctx.audit.objects(`project:${input.projectId}`, `pull:${input.pullId}`, `sample:${sample.id}`);
      return sample;
    }),
  list: procedure
    .requires('golden-audit.project.read')
    .input(z.strictObject({ projectId: z.uuid() }))
    .output(z.array(SampleView))
    .query(({ ctx, input }) => listSamples(ctx.db, input.projectId)),
});
