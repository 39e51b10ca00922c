import type { Kysely } from 'kysely';
import type { MessagingTables } from './migrations.ts';

export interface DeadLetter {
  eventId: string;
  name: string;
  producer: string;
  attempts: number;
  /** Why it died: the handler's last error, `schema: <field> <rule> (...)`, `envelope: ...` or `no handler for ...`. */
  lastError: string | null;
  receivedAt: Date;
  occurredAt: Date | null;
  payload: unknown;
}

/**
 * The events this app gave up on, oldest first (what `egov events dead-letters` prints).
 *
 * @example
 * for (const d of await listDeadLetters(database.db)) console.log(d.eventId, d.name, d.lastError);
 */
export async function listDeadLetters(
  db: Kysely<any>,
  options: { name?: string; limit?: number } = {},
): Promise<DeadLetter[]> {
  let query = (db as Kysely<MessagingTables>)
    .selectFrom('inbox')
    .selectAll()
    .where('status', '=', 'dead')
    .orderBy('received_at')
    .limit(options.limit ?? 100);
  if (options.name) query = query.where('name', '=', options.name);
  const rows = await query.execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    name: r.name,
    producer: r.producer,
    attempts: r.attempts,
    lastError: r.last_error,
    receivedAt: r.received_at,
    occurredAt: r.occurred_at,
    payload: r.payload,
  }));
}

/**
 * Puts dead events back in the queue with a fresh attempt budget (what
 * `egov events replay` does), all of them or the given ids; returns the ids
 * replayed. The worker picks them up at its next poll. The last error is kept
 * until the next attempt overwrites it, so the reason stays visible.
 *
 * @example
 * await replayDeadLetters(database.db, { eventIds: ['01936c4e-...'] });
 */
export async function replayDeadLetters(
  db: Kysely<any>,
  options: { eventIds?: string[]; now?: Date } = {},
): Promise<string[]> {
  if (options.eventIds?.length === 0) return [];
  let query = (db as Kysely<MessagingTables>)
    .updateTable('inbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: options.now ?? new Date() })
    .where('status', '=', 'dead');
  if (options.eventIds) query = query.where('event_id', 'in', options.eventIds);
  const rows = await query.returning('event_id').execute();
  return rows.map((r) => r.event_id);
}

/**
 * Deletes what is no longer needed: outbox rows published before `before`,
 * inbox rows done before it. Keep the horizon well beyond any redelivery
 * (days, not minutes): a done inbox row is what makes a late duplicate
 * harmless. Dead letters are never pruned.
 *
 * @example
 * await pruneMessaging(database.db, { before: new Date(Date.now() - 30 * 86_400_000) });
 */
export async function pruneMessaging(
  db: Kysely<any>,
  options: { before: Date },
): Promise<{ outbox: number; inbox: number }> {
  const m = db as Kysely<MessagingTables>;
  const outbox = await m.deleteFrom('outbox').where('published_at', '<', options.before).executeTakeFirst();
  const inbox = await m
    .deleteFrom('inbox')
    .where('status', '=', 'done')
    .where('done_at', '<', options.before)
    .executeTakeFirst();
  return { outbox: Number(outbox.numDeletedRows), inbox: Number(inbox.numDeletedRows) };
}
