import { appendFileSync } from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import { defineAgencyApp } from '../../app/define.ts';
import { kernelTRPC } from '../../trpc/kernel-trpc.ts';
import { onEvent } from '../consumer.ts';
import { defineEvent } from '../contract.ts';
import { publishEvent } from '../outbox.ts';

/**
 * The two apps the crash tests run, as a real deployment would: the ledger's
 * mutation writes a `change` and publishes `change.made` in the kernel's
 * transaction (`ctx.publish`); the tally applies it once (`effect`, with an
 * `applications` counter that a second application would push to 2) and
 * publishes `change.counted` from its handler's transaction; the ledger
 * counts that back on the change (`counted`, again 1 exactly once). So both
 * apps are producer and consumer, and every kill point exists on both sides.
 */

export const LEDGER = 'fault-ledger';
export const TALLY = 'fault-tally';

export const changeMade = defineEvent('fault-ledger.change.made.v1', z.object({ changeId: z.uuid() }));
export const changeCounted = defineEvent('fault-tally.change.counted.v1', z.object({ changeId: z.uuid() }));

/** Where a child process kills itself (SIGKILL), on the n-th time it passes there. */
export const KILL_POINTS = [
  'before-commit',
  'after-commit',
  'after-publish',
  'after-inbox',
  'mid-effect',
] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

/**
 * The child's journal: one line per thing that happened, appended
 * synchronously so it survives the SIGKILL that ends the process. Lines:
 * `attempt <changeId>`, `ack <changeId> <eventId>`, `publish|published|received|apply <eventId> <name>`,
 * `kill <point> <id>`, `ready`, `drained`, `stuck`.
 */
export interface Journal {
  write(kind: string, ...args: string[]): void;
}

export function fileJournal(path: string): Journal {
  return { write: (kind, ...args) => appendFileSync(path, `${[kind, ...args].join(' ')}\n`) };
}

/** Set by the worker before the apps run: journals each passage and dies at the chosen one. */
export const probe: {
  journal: Journal;
  /** Called at each kill point; kills the process when this is the chosen passage. */
  at(point: KillPoint, id: string): void;
} = {
  journal: { write() {} },
  at() {},
};

interface LedgerDatabase {
  change: { id: string; event_id: string; counted: number };
}

interface TallyDatabase {
  effect: { change_id: string; event_id: string; applications: number };
}

const ledgerTRPC = kernelTRPC<LedgerDatabase>();

export const ledgerApp = defineAgencyApp<LedgerDatabase>({
  name: LEDGER,
  zone: 'internal',
  migrations: {
    '20261128T0900_create_change': {
      up: async (db) => {
        await db.schema
          .createTable('change')
          .addColumn('id', 'uuid', (c) => c.primaryKey())
          .addColumn('event_id', 'uuid', (c) => c.notNull().unique())
          .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
    },
  },
  subscriptions: [
    onEvent(changeCounted, async (trx, { changeId }, envelope) => {
      probe.journal.write('apply', envelope.id, changeCounted.name);
      const updated = await trx
        .updateTable('change')
        .set({ counted: sql`counted + 1` })
        .where('id', '=', changeId)
        .executeTakeFirst();
      // A count for a change that never committed would be a phantom event.
      if (updated.numUpdatedRows !== 1n) throw new Error(`counted an unknown change ${changeId}`);
      probe.at('mid-effect', envelope.id);
    }),
  ],
  router: ledgerTRPC.appRouter({
    changes: ledgerTRPC.router({
      make: ledgerTRPC.procedure
        .requires('fault-ledger.change.make')
        .input(z.strictObject({ id: z.uuid() }))
        .mutation(async ({ ctx, input }) => {
          const event = await ctx.publish(changeMade, { changeId: input.id });
          await ctx.db
            .insertInto('change')
            .values({ id: input.id, event_id: event.id, counted: 0 })
            .execute();
          probe.at('before-commit', input.id);
          return { eventId: event.id };
        }),
    }),
  }),
});

const tallyTRPC = kernelTRPC<TallyDatabase>();

export const tallyApp = defineAgencyApp<TallyDatabase>({
  name: TALLY,
  zone: 'internal',
  migrations: {
    '20261128T0900_create_effect': {
      up: async (db) => {
        await db.schema
          .createTable('effect')
          .addColumn('change_id', 'uuid', (c) => c.primaryKey())
          .addColumn('event_id', 'uuid', (c) => c.notNull())
          .addColumn('applications', 'integer', (c) => c.notNull())
          .execute();
      },
    },
  },
  subscriptions: [
    onEvent(changeMade, async (trx, { changeId }, envelope) => {
      probe.journal.write('apply', envelope.id, changeMade.name);
      // Applying twice does not fail here: it counts, so the test sees it.
      await trx
        .insertInto('effect')
        .values({ change_id: changeId, event_id: envelope.id, applications: 1 })
        .onConflict((oc) =>
          oc.column('change_id').doUpdateSet({ applications: sql`effect.applications + 1` }),
        )
        .execute();
      probe.at('mid-effect', envelope.id);
      await publishEvent(trx, changeCounted, { changeId }, { producer: TALLY });
    }),
  ],
  router: tallyTRPC.appRouter({}),
});
