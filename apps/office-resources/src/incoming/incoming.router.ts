import { DomainError } from '@egov/kernel/errors';
import { recorderOf, text } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { z } from 'zod';
import { CLASSIFICATIONS, parseDocumentNumber, URGENCIES } from '../documents/document.rules.ts';
import { Party } from '../documents/document.schemas.ts';
import { incomingReceipted } from '../events.ts';
import { manifest } from '../manifest.ts';
import { procedure, router } from '../trpc.ts';
import {
  assignIncoming,
  circulateIncoming,
  closeIncoming,
  completeSupervision,
  getIncoming,
  markRead,
  openSupervision,
  overdueIncoming,
  overdueSupervision,
  receiveIncoming,
  replyIncoming,
  urgeIncoming,
} from './incoming.service.ts';

const Official = z.string().regex(/^official:[A-Za-z0-9._@-]{1,64}$/, 'an official id, official:<id>');
const Office = text({ min: 2, max: 60 });
const ById = z.strictObject({ id: z.uuid() });
const AsOf = z.strictObject({ asOf: z.iso.date().optional() });

const IncomingView = z.strictObject({
  id: z.string(),
  receiptNumber: z.string(),
  sender: z.strictObject({ code: z.string(), name: z.string() }),
  senderNumber: z.string(),
  title: z.string(),
  classification: z.enum(CLASSIFICATIONS),
  urgency: z.enum(URGENCIES),
  copies: z.number(),
  status: z.enum(['received', 'assigned', 'replied', 'closed']),
  receivedBy: z.string(),
  receivedAt: z.string(),
  handlingOffice: z.string().nullable(),
  dueOn: z.string().nullable(),
  reply: z.string().nullable(),
  closedAt: z.string().nullable(),
  circulation: z.array(z.strictObject({ reader: z.string(), readAt: z.string().nullable() })),
  urgings: z.number(),
});
const OverdueView = z.array(
  z.strictObject({
    id: z.string(),
    receiptNumber: z.string(),
    title: z.string(),
    handlingOffice: z.string(),
    dueOn: z.string(),
    workingDaysOverdue: z.number(),
  }),
);
const TaskView = z.strictObject({
  id: z.number(),
  subject: z.string(),
  incomingId: z.string().nullable(),
  office: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  result: z.string().nullable(),
});

/** Incoming documents (收文): 签收 with a receipt back, 登记, 承办, 传阅, 催办, 答复, 办结. */
export const incomingRouter = router({
  receive: procedure
    .requires('office-resources.incoming.receive')
    .input(
      z.strictObject({
        sender: Party,
        senderNumber: z.string().max(40),
        title: text({ min: 4, max: 120 }),
        classification: z.enum(CLASSIFICATIONS),
        urgency: z.enum(URGENCIES).default('normal'),
        copies: z.number().int().min(1).max(999),
      }),
    )
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      const number = parseDocumentNumber(input.senderNumber);
      if (!number.ok)
        throw new DomainError('INVALID', number.message, { field: 'senderNumber', rule: number.part });
      const doc = await receiveIncoming(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`incoming:${doc.id}`);
      // 回执: the receipt goes back to the sender, in this transaction's outbox.
      await ctx.publish(incomingReceipted, {
        senderAgency: doc.sender.code,
        senderNumber: doc.senderNumber,
        receiverAgency: manifest.agency.code,
        receiptNumber: doc.receiptNumber,
        receivedBy: doc.receivedBy,
        receivedAt: doc.receivedAt,
      });
      return doc;
    }),
  assign: procedure
    .requires('office-resources.incoming.handle')
    .input(
      z.strictObject({
        id: z.uuid(),
        office: Office,
        workingDays: z.number().int().min(1).max(60).optional(),
      }),
    )
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return assignIncoming(ctx.db, input, recorderOf(ctx));
    }),
  circulate: procedure
    .requires('office-resources.incoming.handle')
    .input(z.strictObject({ id: z.uuid(), readers: z.array(Official).min(1).max(50) }))
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return circulateIncoming(ctx.db, input, recorderOf(ctx));
    }),
  markRead: procedure
    .requires('office-resources.incoming.read')
    .input(ById)
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return markRead(ctx.db, input.id, recorderOf(ctx));
    }),
  urge: procedure
    .requires('office-resources.incoming.handle')
    .input(z.strictObject({ id: z.uuid(), note: text({ min: 2, max: 500 }) }))
    .output(IncomingView.extend({ workingDaysOverdue: z.number() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return urgeIncoming(ctx.db, input, recorderOf(ctx));
    }),
  reply: procedure
    .requires('office-resources.incoming.handle')
    .input(z.strictObject({ id: z.uuid(), reply: text({ multiline: true, min: 2, max: 5000 }) }))
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return replyIncoming(ctx.db, input, recorderOf(ctx));
    }),
  close: procedure
    .requires('office-resources.incoming.handle')
    .input(ById)
    .output(IncomingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`incoming:${input.id}`);
      return closeIncoming(ctx.db, input.id, recorderOf(ctx));
    }),
  get: procedure
    .requires('office-resources.incoming.read')
    .input(ById)
    .output(IncomingView)
    .query(({ ctx, input }) => getIncoming(ctx.db, input.id)),
  /** Documents being handled past their working-day deadline on `asOf` (default: today, China time). */
  overdue: procedure
    .requires('office-resources.incoming.read')
    .input(AsOf)
    .output(OverdueView)
    .query(({ ctx, input }) => overdueIncoming(ctx.db, input.asOf ?? chinaDate(ctx.now()))),
});

/** Task supervision (督办): deadlines in working days and the overdue list. */
export const supervisionRouter = router({
  open: procedure
    .requires('office-resources.incoming.handle')
    .input(
      z.strictObject({
        subject: text({ min: 4, max: 200 }),
        office: Office,
        workingDays: z.number().int().min(1).max(250),
        incomingId: z.uuid().optional(),
      }),
    )
    .output(TaskView)
    .mutation(async ({ ctx, input }) => {
      const task = await openSupervision(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`supervision:${task.id}`);
      return task;
    }),
  complete: procedure
    .requires('office-resources.incoming.handle')
    .input(
      z.strictObject({
        id: z.number().int().positive(),
        result: text({ multiline: true, min: 2, max: 2000 }),
      }),
    )
    .output(TaskView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`supervision:${input.id}`);
      return completeSupervision(ctx.db, input, recorderOf(ctx));
    }),
  overdue: procedure
    .requires('office-resources.incoming.read')
    .input(AsOf)
    .output(
      z.array(
        z.strictObject({
          id: z.number(),
          subject: z.string(),
          office: z.string(),
          dueOn: z.string(),
          workingDaysOverdue: z.number(),
        }),
      ),
    )
    .query(({ ctx, input }) => overdueSupervision(ctx.db, input.asOf ?? chinaDate(ctx.now()))),
});
