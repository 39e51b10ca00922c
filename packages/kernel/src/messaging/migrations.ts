import { type ColumnType, type Generated, type Kysely, sql } from 'kysely';
import type { Migrations } from '../db/migrations.ts';

/** Events written by this app, waiting for (or done with) the relay. */
export interface OutboxTable {
  /** Commit order is not seq order: the relay selects by `published_at is null`, never by `seq > last`. */
  seq: Generated<string>;
  id: string;
  name: string;
  payload: ColumnType<unknown, string, string>;
  producer: string;
  /** Written as the envelope's ISO text or as a Date; read as a Date. */
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  trace_id: string | null;
  correlation_id: string | null;
  created_at: Generated<Date>;
  published_at: Date | null;
  /** A relay's lease on the row: a crashed relay's claim lapses and another relay republishes. */
  claimed_until: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export type InboxStatus = 'pending' | 'done' | 'dead';

/** Events received by this app: the dedupe record, the work queue and the dead-letter store in one. */
export interface InboxTable {
  event_id: string;
  name: string;
  producer: string;
  payload: ColumnType<unknown, string, string>;
  occurred_at: Date | null;
  trace_id: string | null;
  correlation_id: string | null;
  received_at: Date;
  status: InboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  done_at: Date | null;
}

export interface MessagingTables {
  outbox: OutboxTable;
  inbox: InboxTable;
}

/**
 * The kernel's messaging tables, created in the app's own schema. Spread them
 * into the app's migrations.
 *
 * @example
 * export const migrations = { ...messagingMigrations, '20261127T0900_create_resident': { up } };
 */
export const messagingMigrations: Migrations = {
  '20261126T0900_kernel_outbox': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('outbox')
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('id', 'uuid', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('producer', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('trace_id', 'text')
        .addColumn('correlation_id', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('published_at', 'timestamptz')
        .addColumn('claimed_until', 'timestamptz')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
      // The relay's only query path; stays as small as the backlog.
      await db.schema
        .createIndex('outbox_unpublished')
        .on('outbox')
        .column('seq')
        .where(sql.ref('published_at'), 'is', null)
        .execute();
    },
  },
  '20261126T0900_kernel_inbox': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('inbox')
        .addColumn('event_id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('producer', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz')
        .addColumn('trace_id', 'text')
        .addColumn('correlation_id', 'text')
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'dead')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('done_at', 'timestamptz')
        .execute();
      await db.schema
        .createIndex('inbox_due')
        .on('inbox')
        .column('next_attempt_at')
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      await db.schema
        .createIndex('inbox_dead')
        .on('inbox')
        .column('received_at')
        .where(sql.ref('status'), '=', 'dead')
        .execute();
    },
  },
};
