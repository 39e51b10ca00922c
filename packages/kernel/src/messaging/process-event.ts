import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Logger } from '../log/logger.ts';
import type { EventHandler } from './consumer.ts';
import { describeIssues, envelopeOf } from './inbox.ts';
import type { InboxTable, MessagingTables } from './migrations.ts';

type Row = Selectable<InboxTable>;

export interface ProcessContext {
  handlers: ReadonlyMap<string, EventHandler<any, any>>;
  maxAttempts: number;
  backoff: (attempt: number) => number;
  now: () => Date;
  log: Logger;
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
 * Processes one inbox event in one transaction: lock the row (skip it if
 * another worker holds it), validate the payload, run the handler, mark it
 * done. A handler error rolls back to a savepoint, so its partial effect is
 * undone but the row lock is kept while the failure is recorded.
 */
export async function processInboxEvent(
  db: Kysely<MessagingTables>,
  eventId: string,
  ctx: ProcessContext,
): Promise<void> {
  let claimed: Row | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('inbox')
        .selectAll()
        .where('event_id', '=', eventId)
        .where('status', '=', 'pending')
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return;
      claimed = row;
      const handler = ctx.handlers.get(row.name);
      if (!handler) {
        await settle(trx, row, { status: 'dead', last_error: `no handler for ${row.name}` });
        return;
      }
      const parsed = handler.contract.schema.safeParse(row.payload);
      if (!parsed.success) {
        // A payload that breaks the contract will break it every time: no retries.
        await settle(trx, row, { status: 'dead', last_error: describeIssues('schema', parsed.error) });
        return;
      }
      await sql`savepoint egov_inbox_handle`.execute(trx);
      try {
        await handler.handle(trx as Transaction<any>, parsed.data, envelopeOf(row, parsed.data));
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
    });
  } catch (error) {
    // The transaction itself broke (a handler swallowed a failed statement, the connection
    // dropped): count it as an attempt, so such an event still ends dead rather than looping.
    if (!claimed) throw error;
    const row = claimed;
    await fail(db, row, error, ctx).catch((e) => ctx.log.error({ err: e }, 'could not record a failure'));
  }
}
