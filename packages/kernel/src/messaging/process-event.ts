import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { EventHandler, ReceivedEvent } from './consumer.ts';
import { describeIssues, envelopeOf } from './inbox.ts';
import { preferIndexScan } from './loop.ts';
import type { InboxTable, MessagingTables } from './migrations.ts';
import { wroteOutbox } from './outbox.ts';

/** What processing needs of an inbox row: the envelope, and the attempts for the bookkeeping. */
const COLUMNS = [
  'event_id',
  'name',
  'producer',
  'payload',
  'occurred_at',
  'received_at',
  'trace_id',
  'correlation_id',
  'attempts',
] as const;
type Row = Pick<Selectable<InboxTable>, (typeof COLUMNS)[number]>;

export interface ProcessContext {
  handlers: ReadonlyMap<string, EventHandler<any, any>>;
  maxAttempts: number;
  backoff: (attempt: number) => number;
  now: () => Date;
  log: Logger;
  /** Called after a transaction in which handlers published events has committed (to wake the relay). */
  onPublished?: () => void;
}

/** Runs `work` in a transaction; once it has committed, wakes the relay if a handler published in it. */
async function inTransaction<T>(
  db: Kysely<MessagingTables>,
  ctx: ProcessContext,
  work: (trx: Transaction<MessagingTables>) => Promise<T>,
): Promise<T> {
  let published = false;
  const result = await db.transaction().execute(async (trx) => {
    const value = await work(trx);
    published = wroteOutbox(trx);
    return value;
  });
  if (published) ctx.onPublished?.();
  return result;
}

/** Changes a row only while it is still pending: a concurrent replay or worker never gets overwritten. */
function settle(db: Kysely<MessagingTables>, row: Row, set: Updateable<InboxTable>) {
  return db
    .updateTable('inbox')
    .set(set)
    .where('event_id', '=', row.event_id)
    .where('status', '=', 'pending')
    .execute();
}

function fail(db: Kysely<MessagingTables>, row: Row, error: unknown, ctx: ProcessContext) {
  const attempts = row.attempts + 1;
  const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
  const dead = attempts >= ctx.maxAttempts;
  const level = dead ? 'error' : 'warn';
  ctx.log[level]({ eventId: row.event_id, name: row.name, attempts, err: error }, 'handler failed');
  return settle(
    db,
    row,
    dead
      ? { attempts, last_error: reason, status: 'dead' }
      : {
          attempts,
          last_error: reason,
          next_attempt_at: new Date(ctx.now().getTime() + ctx.backoff(attempts)),
        },
  );
}

/**
 * Locks up to `limit` due pending rows (of `ids`, when given), skipping rows
 * another worker holds. `status` and `next_attempt_at` are in the locking
 * statement, so PostgreSQL re-checks them on the row version it locked: a row
 * that another worker failed (and pushed into the future) or finished between
 * our snapshot and our lock is not taken.
 */
function lockDue(trx: Kysely<MessagingTables>, ctx: ProcessContext, limit: number, ids?: readonly string[]) {
  let query = trx
    .selectFrom('inbox')
    .select(COLUMNS)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', ctx.now());
  if (ids) query = query.where('event_id', 'in', ids);
  return query.orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked().execute();
}

type Plan = { dead: string } | { dead?: undefined; handler: EventHandler<any, z.ZodType>; payload: unknown };

/** An event nobody here handles, or whose payload breaks the contract, fails the same way every time: dead at once. */
function planFor(row: Row, ctx: ProcessContext): Plan {
  const handler = ctx.handlers.get(row.name);
  if (!handler) return { dead: `no handler for ${row.name}` };
  const parsed = handler.contract.schema.safeParse(row.payload);
  if (!parsed.success) return { dead: describeIssues('schema', parsed.error) };
  return { handler, payload: parsed.data };
}

/** `status = done` for the rows whose handlers succeeded, in one statement. */
function markDone(trx: Kysely<MessagingTables>, eventIds: string[], now: Date) {
  if (eventIds.length === 0) return Promise.resolve();
  return trx
    .updateTable('inbox')
    .set({ status: 'done', attempts: sql`attempts + 1`, done_at: now, last_error: null })
    .where('event_id', 'in', eventIds)
    .where('status', '=', 'pending')
    .execute()
    .then(() => undefined);
}

/**
 * Handles one locked row under a savepoint: a handler error (or a statement
 * it failed and swallowed) rolls back its own effect only, and the failure is
 * recorded while the row lock is still held, so no other worker can take the
 * row in between.
 */
async function handleLocked(trx: Transaction<MessagingTables>, row: Row, ctx: ProcessContext) {
  const plan = planFor(row, ctx);
  if (plan.dead !== undefined) {
    await settle(trx, row, { status: 'dead', last_error: plan.dead });
    return;
  }
  await sql`savepoint egov_inbox_handle`.execute(trx);
  try {
    await plan.handler.handle(trx as Transaction<any>, plan.payload, envelopeOf(row, plan.payload));
    await sql`release savepoint egov_inbox_handle`.execute(trx);
  } catch (error) {
    await sql`rollback to savepoint egov_inbox_handle`.execute(trx);
    await fail(trx, row, error, ctx);
    return;
  }
  await settle(trx, row, {
    status: 'done',
    attempts: row.attempts + 1,
    done_at: ctx.now(),
    last_error: null,
  });
}

/**
 * Processes up to `limit` due inbox events in one transaction and returns
 * how many it took. Optimistic: the handlers run back to back without
 * savepoints, and the batch is marked done in one statement, so an event
 * costs its handler's statements and nothing more. If anything fails (a
 * handler throws, a statement a handler swallowed aborts the transaction,
 * the commit fails), the whole batch rolls back, having changed nothing, and
 * is redone with a savepoint per event (`redoWithSavepoints`): each failure
 * is then its own event's, recorded in the same transaction as the others'
 * effects. A handler may therefore run more than once for one attempt; only
 * its effects in `trx` are exactly once, as before.
 */
export async function processInboxBatch(
  db: Kysely<MessagingTables>,
  ctx: ProcessContext,
  limit: number,
): Promise<number> {
  let claimed: string[] = [];
  try {
    return await inTransaction(db, ctx, async (trx) => {
      await preferIndexScan(trx);
      const rows = await lockDue(trx, ctx, limit);
      claimed = rows.map((r) => r.event_id);
      const done: string[] = [];
      // Batch handlers (`onEvents`) get all their events of this batch in one call, after the others.
      const grouped = new Map<EventHandler<any, z.ZodType>, ReceivedEvent<unknown>[]>();
      for (const row of rows) {
        const plan = planFor(row, ctx);
        if (plan.dead !== undefined) {
          await settle(trx, row, { status: 'dead', last_error: plan.dead });
          continue;
        }
        const event = { payload: plan.payload, envelope: envelopeOf(row, plan.payload) };
        if (plan.handler.handleMany) {
          const group = grouped.get(plan.handler) ?? [];
          group.push(event);
          grouped.set(plan.handler, group);
        } else {
          await plan.handler.handle(trx as Transaction<any>, event.payload, event.envelope);
        }
        done.push(row.event_id);
      }
      for (const [handler, events] of grouped) await handler.handleMany!(trx as Transaction<any>, events);
      await markDone(trx, done, ctx.now());
      return rows.length;
    });
  } catch (error) {
    if (claimed.length === 0) throw error;
    ctx.log.debug(
      { err: error, events: claimed.length },
      'batch failed; redoing it with a savepoint per event',
    );
    await redoWithSavepoints(db, claimed, ctx);
    return claimed.length;
  }
}

/**
 * PostgreSQL keeps up to 64 subtransaction ids per transaction in shared
 * memory; beyond that every snapshot in the server gets slower while the
 * transaction lasts. A redo takes at most this many savepoints.
 */
const SAVEPOINTS_PER_TRANSACTION = 50;

/**
 * The fallback for a batch that failed: the same events (those still due and
 * not taken meanwhile), a savepoint each, in transactions of at most
 * `SAVEPOINTS_PER_TRANSACTION`. If even such a transaction breaks, which no
 * handler error can do any more (the connection dropped, the commit failed),
 * its events go one by one, so the one at fault is the one whose attempt is
 * counted.
 */
async function redoWithSavepoints(db: Kysely<MessagingTables>, ids: string[], ctx: ProcessContext) {
  for (let i = 0; i < ids.length; i += SAVEPOINTS_PER_TRANSACTION) {
    const chunk = ids.slice(i, i + SAVEPOINTS_PER_TRANSACTION);
    try {
      await inTransaction(db, ctx, async (trx) => {
        for (const row of await lockDue(trx, ctx, chunk.length, chunk)) await handleLocked(trx, row, ctx);
      });
    } catch (error) {
      ctx.log.debug({ err: error, events: chunk.length }, 'batch failed again; one event per transaction');
      for (const id of chunk) await processInboxEvent(db, id, ctx);
    }
  }
}

/**
 * Processes one inbox event in one transaction: lock the row if it is still
 * due (skip it if another worker holds it), then as `handleLocked`. If the
 * transaction itself breaks, the failure is recorded afterwards, so even such
 * an event ends dead rather than looping.
 */
export async function processInboxEvent(
  db: Kysely<MessagingTables>,
  eventId: string,
  ctx: ProcessContext,
): Promise<void> {
  let claimed: Row | undefined;
  try {
    await inTransaction(db, ctx, async (trx) => {
      const [row] = await lockDue(trx, ctx, 1, [eventId]);
      if (!row) return;
      claimed = row;
      await handleLocked(trx, row, ctx);
    });
  } catch (error) {
    // The transaction itself broke (the connection dropped, the commit failed): count it as an
    // attempt, so such an event still ends dead rather than looping.
    if (!claimed) throw error;
    const row = claimed;
    await fail(db, row, error, ctx).catch((e) => ctx.log.error({ err: e }, 'could not record a failure'));
  }
}
