import { type Generated, sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { kernelTRPC } from '../trpc/kernel-trpc.ts';
import { defineAgencyApp } from './define.ts';

interface NoteDatabase {
  note: { id: Generated<number>; text: string };
}

const { router, appRouter, procedure } = kernelTRPC<NoteDatabase>();

/** A small app used to test the kernel host the way a real app uses it. */
export const noteApp = defineAgencyApp<NoteDatabase>({
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
      },
    },
  },
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
          return { id: row.id };
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
      slow: procedure.public().query(async () => {
        await new Promise((r) => setTimeout(r, 300));
        return 'done';
      }),
    }),
  }),
});
