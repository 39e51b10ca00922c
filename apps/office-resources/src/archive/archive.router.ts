import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { RETENTIONS } from './archive.rules.ts';
import { archiveItem, catalogue } from './archive.service.ts';

const ItemView = z.strictObject({
  archiveNumber: z.string(),
  year: z.number(),
  retention: z.enum(RETENTIONS),
  reference: z.string(),
  title: z.string(),
  classification: z.string(),
  formedOn: z.string(),
  keepUntil: z.string().nullable(),
  source: z.enum(['outgoing', 'incoming']),
});

/** The archive (归档) of closed documents with retention periods, and its catalogue. */
export const archiveRouter = router({
  file: procedure
    .requires('office-resources.archive.file')
    .input(
      z
        .strictObject({
          documentId: z.uuid().optional(),
          incomingId: z.uuid().optional(),
          retention: z.enum(RETENTIONS),
        })
        .refine((i) => (i.documentId === undefined) !== (i.incomingId === undefined), {
          message: 'name either documentId or incomingId',
          path: ['documentId'],
        }),
    )
    .output(ItemView)
    .mutation(async ({ ctx, input }) => {
      const item = await archiveItem(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`archive-item:${item.archiveNumber}`);
      return item;
    }),
  catalogue: procedure
    .requires('office-resources.archive.read')
    .input(
      z.strictObject({
        year: z.number().int().min(1949).max(2200),
        retention: z.enum(RETENTIONS).optional(),
      }),
    )
    .output(z.array(ItemView))
    .query(({ ctx, input }) => catalogue(ctx.db, input)),
});
