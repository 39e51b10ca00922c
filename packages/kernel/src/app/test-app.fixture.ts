import { type Generated, sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { kernelTRPC } from '../trpc/kernel-trpc.ts';
import { defineEvent } from '../messaging/contract.ts';
import { onEvent } from '../messaging/consumer.ts';
import { defineAgencyApp } from './define.ts';

interface NoteDatabase {
  note: { id: Generated<number>; text: string };
  note_echo: { note_id: number };
}

/** The event the fixture publishes, and consumes itself, to test the outbox path through the host. */
export const noteAdded = defineEvent(
  'kernel-test.note.added.v1',
  z.object({ id: z.number().int(), text: z.string() }),
);

const { router, appRouter, procedure } = kernelTRPC<NoteDatabase>();

/** A small app used to test the kernel host the way a real app uses it. */
export const noteApp = defineAgencyApp({
  name: 'kernel-test',
  zone: 'internal',
  migrations: {
    '20261126T0700_create_note': {
      up: async (db) => {
        await db.schema
          .createTable('note')
          .addColumn('id', 'serial', (c) => c.primaryKey())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('note_echo')
          .addColumn('note_id', 'integer', (c) => c.primaryKey())
          .execute();
      },
    },
  },
  subscriptions: [
    onEvent(noteAdded, async (trx, payload) => {
      await trx.insertInto('note_echo').values({ note_id: payload.id }).execute();
    }),
  ],
  router: appRouter({
    ping: procedure.public().query(() => 'pong'),
    notes: router({
      add: procedure
        .requires('kernel-test.note.create')
        .input(
          z.strictObject({ text: z.string().min(1).max(100), residentId: z.string().length(18).optional() }),
        )
        .mutation(async ({ ctx, input }) => {
          const row = await ctx.db
            .insertInto('note')
            .values({ text: input.text })
            .returning('id')
            .executeTakeFirstOrThrow();
          await ctx.publish(noteAdded, { id: row.id, text: input.text });
          return { id: row.id };
        }),
      addThenFail: procedure.requires('kernel-test.note.create').mutation(async ({ ctx }) => {
        const row = await ctx.db
          .insertInto('note')
          .values({ text: 'doomed' })
          .returning('id')
          .executeTakeFirstOrThrow();
        await ctx.publish(noteAdded, { id: row.id, text: 'doomed' });
        throw new DomainError('CONFLICT', 'changed my mind');
      }),
      count: procedure.requires('kernel-test.note.read').query(async ({ ctx }) => {
        const row = await ctx.db
          .selectFrom('note')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        return row.n;
      }),
      fail: procedure.requires('kernel-test.note.create').mutation(() => {
        throw new DomainError('CONFLICT', 'note is locked', { field: 'id', rule: 'locked' });
      }),
      crash: procedure.requires('kernel-test.note.create').mutation(() => {
        throw new Error('secret internal detail');
      }),
      shared: procedure
        .requires('kernel-test.note.read', { resource: { id: 'KT-NOTES-001', sharing: 'conditional' } })
        .query(() => 'shared with a grant'),
      secret: procedure
        .requires('kernel-test.note.read', { resource: { id: 'KT-NOTES-002', sharing: 'not-shared' } })
        .query(() => 'never shared'),
      slow: procedure.public().query(async () => {
        await new Promise((r) => setTimeout(r, 300));
        return 'done';
      }),
    }),
  }),
});
