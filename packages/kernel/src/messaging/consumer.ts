import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import type { EventContract, EventEnvelope } from './contract.ts';
import { batchedReceipt } from './inbox.ts';
import { exponentialBackoff, pollingLoop } from './loop.ts';
import type { MessagingTables } from './migrations.ts';
import { type ProcessContext, processInboxBatch } from './process-event.ts';

/** One event this app handles; `handle` runs in the transaction that also marks the event done. */
export interface EventHandler<DB = any, S extends z.ZodType = z.ZodType> {
  contract: EventContract<S>;
  handle(trx: Transaction<DB>, payload: z.output<S>, envelope: EventEnvelope<z.output<S>>): Promise<void>;
  /**
   * Present for handlers made with `onEvents`: the worker hands it every event
   * of this contract in a batch at once (`handle` takes them one at a time,
   * when a failed batch is redone event by event).
   */
  handleMany?(trx: Transaction<DB>, events: ReceivedEvent<z.output<S>>[]): Promise<void>;
}

/** One event as a batch handler receives it. */
export interface ReceivedEvent<T> {
  payload: T;
  envelope: EventEnvelope<T>;
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

/**
 * A handler that takes the events of one contract a batch at a time, for a
 * consumer whose effect is cheaper in bulk (one multi-row insert instead of
 * one per event). Same guarantees as `onEvent`: it runs in the transaction
 * that marks its events done, and if it throws, the batch is rolled back and
 * redone with the handler called for one event at a time under a savepoint,
 * so a poison event costs only its own attempt. Events come in no particular
 * order.
 *
 * @example
 * onEvents(itemCreated, async (trx, events) => {
 *   await trx.insertInto('effect').values(events.map((e) => ({ event_id: e.envelope.id }))).execute();
 * });
 */
export function onEvents<S extends z.ZodType, DB = any>(
  contract: EventContract<S>,
  handleMany: NonNullable<EventHandler<DB, S>['handleMany']>,
): EventHandler<DB, S> {
  return {
    contract,
    handleMany,
    handle: (trx, payload, envelope) => handleMany(trx, [{ payload, envelope }]),
  };
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
  /**
   * Woken while a batch of half `batchSize` or more ran, the next batch
   * starts no sooner than this after it started (20 ms by default), a
   * proportional fraction of it after a smaller one, so that under load
   * batches fill up; a quiet worker woken goes at once.
   */
  gatherMs?: number;
  /** Events handled per transaction; 50 by default. */
  batchSize?: number;
  /**
   * Batches handled at once, each in its own transaction and connection, at
   * most (1 by default). Under load the worker doubles its lanes while every
   * batch comes back full and drops to one when one does not, so a quiet
   * worker asks the database once per wake. Worth it on PostgreSQL, where a
   * batch waits on its commit.
   */
  concurrency?: number;
  /** Arrivals stored per inbox insert at most; 500 by default, 4,000 at the most. */
  receiveBatchSize?: number;
  /**
   * Called after a batch in which handlers published events (`publishEvent`
   * with the `trx` they were given) has committed; `startMessaging` wakes the
   * app's relay with it, so those events go out now rather than at its next poll.
   */
  onPublished?: () => void;
  now?: () => Date;
}

export interface InboxWorker {
  readonly consumer: string;
  subscriptionNames(): string[];
  /** The transport's `deliver`: inbox insert (idempotent), then a nudge to process it. */
  receive(raw: unknown): Promise<void>;
  /** Processes one batch (up to `batchSize`) of the events due now; returns how many it took. */
  runOnce(): Promise<number>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Processes the inbox. Arrivals are inserted in groups (one multi-row insert
 * per turn of the event loop, see `batchedReceipt`), and each delivery
 * resolves once its row has committed. Due events are handled in batches of
 * `batchSize` per transaction: each handler's effect and its event's
 * `status = done` commit together, so a redelivered or replayed event never
 * has a second effect. If any handler in a batch fails, the batch is rolled
 * back and redone with a savepoint per event: the failing handler's effect
 * is undone and its failure recorded in the same transaction (row lock held,
 * so no other worker races it), with the next attempt after `backoff`, while
 * the others commit; after `maxAttempts` the event is dead. A payload that
 * fails the contract, or an event nobody here handles (a handler removed
 * while events were queued), is dead at once: retrying cannot fix it, and
 * nothing is silently dropped.
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
  const ctx: ProcessContext = {
    handlers,
    maxAttempts,
    backoff,
    now,
    log,
    ...(options.onPublished ? { onPublished: options.onPublished } : {}),
  };
  // 13 bind parameters a row: PostgreSQL takes at most 65,535 in one statement.
  const store = batchedReceipt(db, now, Math.max(1, Math.min(4_000, options.receiveBatchSize ?? 500)));

  const runOnce = () => processInboxBatch(db, ctx, batchSize);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  let lanes = 1;
  // One step: `lanes` batches side by side; `skip locked` gives each its own rows.
  const step = async (): Promise<number> => {
    if (concurrency === 1) return runOnce();
    const taken = await Promise.all(Array.from({ length: lanes }, runOnce));
    const full = taken.every((n) => n >= batchSize);
    lanes = full ? Math.min(concurrency, lanes * 2) : 1;
    const total = taken.reduce((a, b) => a + b, 0);
    // The loop goes straight on after a full step, and gathers after a partial one.
    return full ? Math.max(total, batchSize) : Math.min(total, batchSize - 1);
  };

  const loop = pollingLoop(step, {
    pollMs: options.pollMs ?? 250,
    batchSize,
    gatherMs: options.gatherMs ?? 20,
    gatherFor: Math.max(1, Math.floor(batchSize / 2)),
    log,
    what: 'inbox worker',
  });
  return {
    consumer: options.consumer,
    subscriptionNames: () => [...handlers.keys()],
    receive: async (raw) => {
      const status = await store(raw);
      if (status === 'dead') log.error({ raw }, 'received a malformed event; stored as a dead letter');
      loop.wake();
    },
    runOnce,
    start: loop.start,
    wake: loop.wake,
    stop: loop.stop,
  };
}
