import { DomainError } from '@egov/kernel/errors';
import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { findNotice, publishNotice } from './notice.service.ts';

export const PublishNoticeInput = z.strictObject({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(5000),
  effectiveOn: z.iso.date(),
});

export const NoticeView = z.strictObject({
  number: z.string(),
  title: z.string(),
  body: z.string(),
  effectiveOn: z.string(),
  publishedBy: z.string(),
  publishedAt: z.string(),
});

/** Notices (公告): published by an editor, read by anyone holding the read permission. */
export const noticesRouter = router({
  publish: procedure
    .requires('macroeconomics.notice.publish')
    .input(PublishNoticeInput)
    .output(NoticeView)
    .mutation(async ({ ctx, input }) => {
      const notice = await publishNotice(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`notice:${notice.number}`);
      return notice;
    }),
  get: procedure
    .requires('macroeconomics.notice.read')
    .input(z.strictObject({ number: z.string().max(40) }))
    .output(NoticeView)
    .query(async ({ ctx, input }) => {
      const notice = await findNotice(ctx.db, input.number);
      if (!notice) throw new DomainError('NOT_FOUND', `no notice ${input.number}`, { field: 'number' });
      return notice;
    }),
});
