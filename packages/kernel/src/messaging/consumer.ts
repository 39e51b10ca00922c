import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { EventContract, EventEnvelope } from './contract.ts';
import { receiveEvent } from './inbox.ts';
import { exponentialBackoff, pollingLoop } from './loop.ts';
import type { MessagingTables } from './migrations.ts';
import { type ProcessContext, processInboxEvent } from './process-event.ts';

/** One event this app handles; `handle` runs in the transaction that also marks the event done. */
export interface EventHandler<DB = any, S extends z.ZodType = z.ZodType> {
  contract: EventContract<S>;
  handle(trx: Transaction<DB>, payload: z.output<S>, envelope: EventEnvelope<z.output<S>>): Promise<void>;
}

/**
 * Pairs a contract with its handler, so the payload is typed from the schema.
 *
 * @example
 * onEvent(residentDied, async (trx, { residentId }) => { await stopPension(trx, residentId); });
 */
export function onEvent<S extends z.ZodType, DB = any>(
  contract: EventContract<S>,
  handle: EventHandler<DB, S>['handle'],
): EventHandler<DB, S> {
  return { contract, handle };
}

export interface InboxWorkerOptions<DB> {
  db: Kysely<DB>;
  /** The app name; also the name of its durable subscription. */
  consumer: string;
  handlers: EventHandler<DB, any>[];
  log: Logger;
  /** Attempts before an event goes dead; 8 by default. */
  maxAttempts?: number;
  /** Milliseconds to wait before attempt n+1 after n failures. */
  backoff?: (attempt: number) => number;
  pollMs?: number;
  batchSize?: number;
  now?: () => Date;
}

export interface InboxWorker {
  readonly consumer: string;
  subscriptionNames(): string[];
  /** The transport's `deliver`: inbox insert (idempotent), then a nudge to process it. */
  receive(raw: unknown): Promise<void>;
  /** Processes the events due now; returns how many it looked at. */
  runOnce(): Promise<number>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Processes the inbox. Each event runs in its own transaction: the handler's
 * effect and `status = done` commit together, so a redelivered or replayed
 * event never has a second effect. A failing handler is rolled back to a
 * savepoint and the failure recorded in the same transaction (row lock held,
 * so no other worker races it), with the next attempt after `backoff`; after
 * `maxAttempts` the event is dead. A payload that fails the contract, or an
 * event nobody here handles (a handler removed while events were queued), is
 * dead at once: retrying cannot fix it, and nothing is silently dropped.
 *
 * @example
 * const worker = createInboxWorker({ db, consumer: 'golden-tax', handlers: [onEvent(residentDied, handle)], log });
 * await transport.subscribe(worker.consumer, worker.subscriptionNames(), worker.receive);
 * worker.start();
 */
export function createInboxWorker<DB>(options: InboxWorkerOptions<DB>): InboxWorker {
  const db = options.db as unknown as Kysely<MessagingTables>;
  const { maxAttempts = 8, batchSize = 50 } = options;
  const backoff = options.backoff ?? exponentialBackoff();
  const now = options.now ?? (() => new Date());
  const log = options.log.child({ consumer: options.consumer });
  const handlers = new Map<string, EventHandler<DB, any>>();
  for (const h of options.handlers) {
    if (handlers.has(h.contract.name)) throw new Error(`two handlers for ${h.contract.name}`);
    handlers.set(h.contract.name, h);
  }
  const ctx: ProcessContext = { handlers, maxAttempts, backoff, now, log };

  async function runOnce(): Promise<number> {
    const due = await db
      .selectFrom('inbox')
      .select('event_id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now())
      .orderBy('next_attempt_at')
      .limit(batchSize)
      .execute();
    // One at a time: each event independent, so a failing one costs its own attempt and nothing else.
    for (const { event_id } of due) await processInboxEvent(db, event_id, ctx);
    return due.length;
  }

  const loop = pollingLoop(async () => (await runOnce()) >= batchSize, {
    pollMs: options.pollMs ?? 250,
    log,
    what: 'inbox worker',
  });
  return {
    consumer: options.consumer,
    subscriptionNames: () => [...handlers.keys()],
    receive: async (raw) => {
      const status = await receiveEvent(db, raw, now());
      if (status === 'dead') log.error({ raw }, 'received a malformed event; stored as a dead letter');
      loop.wake();
    },
    runOnce,
    start: loop.start,
    wake: loop.wake,
    stop: loop.stop,
  };
}
