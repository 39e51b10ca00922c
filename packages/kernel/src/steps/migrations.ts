import { type ColumnType, type Kysely, sql } from 'kysely';
import type { Migrations } from '../db/migrations.ts';

export type PendingStepStatus = 'pending' | 'done' | 'failed';

/**
 * One mutation a step sent to another app, recorded (committed) before it was
 * sent: what an operator reads to see what may have happened at the callee.
 */
export interface PendingStepCallTable {
  step_key: string;
  target: string;
  procedure: string;
  /** The idempotency key it carried: a resumed step sends the same one, so the callee answers from its store. */
  key: string;
  recorded_at: Date;
}

/**
 * A cross-agency step, written in a transaction of its own (committed) before
 * its first call leaves the app, and marked done in the transaction that
 * applies its results. A row that stays `pending` with no transaction holding
 * it is a step whose caller died or rolled back after the callee may have
 * committed: the recovery loop resumes it.
 */
export interface PendingStepTable {
  key: string;
  /** The registered step's name (`defineStep({ name })`), which says what to run on resumption. */
  step: string;
  /** The step's input as JSON, parsed by the step's schema on every run. */
  input: ColumnType<unknown, string, string>;
  input_hash: string;
  /** Who started it (`official:…`, `service:…`): the resumed step acts for them. */
  actor: string;
  /** The step's own time (`ctx.at`): the same on every run, so every call carries the same input. */
  started_at: Date;
  trace_id: string;
  status: PendingStepStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface StepTables {
  pending_step: PendingStepTable;
  pending_step_call: PendingStepCallTable;
}

/** The kernel's record of cross-agency steps in flight (ADR 11). */
export const stepMigrations: Migrations = {
  '20261212T0900_kernel_pending_step': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('pending_step')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('step', 'text', (c) => c.notNull())
        .addColumn('input', 'jsonb', (c) => c.notNull())
        .addColumn('input_hash', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('trace_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'done', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('completed_at', 'timestamptz')
        .execute();
      // The recovery loop's only query path; as small as the steps in flight.
      await db.schema
        .createIndex('pending_step_due')
        .on('pending_step')
        .column('next_attempt_at')
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      await db.schema
        .createIndex('pending_step_completed')
        .on('pending_step')
        .column('completed_at')
        .execute();
      // No foreign key: its check would lock the step's row, which the running transaction holds.
      await db.schema
        .createTable('pending_step_call')
        .addColumn('step_key', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('procedure', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('pending_step_call_pk', ['step_key', 'key'])
        .execute();
    },
  },
};
