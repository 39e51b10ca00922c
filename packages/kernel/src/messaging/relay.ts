import type { Kysely, Selectable } from 'kysely';
import type { Logger } from '../log/logger.ts';
import type { EventEnvelope } from './contract.ts';
import { exponentialBackoff, pollingLoop, preferIndexScan } from './loop.ts';
import type { MessagingTables, OutboxTable } from './migrations.ts';
import type { Transport } from './transport.ts';

export interface RelayOptions {
  db: Kysely<any>;
  transport: Transport;
  log: Logger;
  /** How often to look for events when nobody calls `wake()`; 250 ms by default. */
  pollMs?: number;
  /**
   * Woken while a pass of 50 events or more was running, the next pass
   * starts no sooner than this after the last one started (40 ms by
   * default), a proportional fraction of it after a smaller pass: under load
   * a pass then takes many commits' events instead of one's, which is what
   * keeps the claim and mark statements per event low; a quiet relay woken
   * goes at once.
   */
  gatherMs?: number;
  /** Events claimed per pass; 500 by default. */
  batchSize?: number;
  /** Publishes awaiting the transport at once (JetStream: PubAcks outstanding); 256 by default. */
  publishConcurrency?: number;
  /** How long a claimed batch is ours; a relay that dies mid-batch delays its events by at most this. */
  leaseMs?: number;
  /** Milliseconds before republishing an event whose publish failed for the n-th time. */
  retryDelay?: (attempt: number) => number;
  now?: () => Date;
}

export interface Relay {
  /** Publishes the unpublished events it can claim; returns how many it published. */
  runOnce(): Promise<number>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Moves committed outbox rows to the transport. It selects rows with
 * `published_at is null`, never `seq > last seen`: a transaction that took a
 * lower seq but committed later is simply found on the next pass. Rows are
 * claimed with a short lease (`for update skip locked` in one statement), so
 * several relays can share an outbox and no transaction is held open while
 * publishing: that would hold a connection for the length of a network
 * round trip, and a consumer in the same app could wait on it. A publish that fails (transport
 * down, a consumer's database down) is retried later with backoff; the
 * events after it go on. At-least-once: a crash after publish and before
 * marking republishes, and the consumers' inboxes absorb the duplicate.
 *
 * @example
 * const relay = createRelay({ db: database.db, transport, log });
 * relay.start();
 * // after a commit that published events:
 * relay.wake();
 */
export function createRelay(options: RelayOptions): Relay {
  const db = options.db as Kysely<MessagingTables>;
  const { transport, batchSize = 500, publishConcurrency = 256, leaseMs = 30_000 } = options;
  const retryDelay = options.retryDelay ?? exponentialBackoff({ baseMs: 1_000, maxMs: 60_000 });
  const now = options.now ?? (() => new Date());
  const log = options.log.child({ relay: transport.kind });

  async function claim(): Promise<Claimed[]> {
    const at = now();
    const rows = await db.transaction().execute(async (trx) => {
      await preferIndexScan(trx);
      return trx
        .updateTable('outbox')
        .set({ claimed_until: new Date(at.getTime() + leaseMs) })
        .where('seq', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('seq')
            .where('published_at', 'is', null)
            .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<=', at)]))
            .orderBy('seq')
            .limit(batchSize)
            .forUpdate()
            .skipLocked(),
        )
        .returning(CLAIMED)
        .execute();
    });
    // bigserial arrives as decimal text: shorter is smaller, equal lengths compare as strings.
    return rows.sort((a, b) => a.seq.length - b.seq.length || (a.seq < b.seq ? -1 : 1));
  }

  async function runOnce(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    // Sent in seq order, up to `publishConcurrency` awaiting their acks at once (pipelined on one
    // connection), which is what makes batches fast.
    const results = await settleAll(rows, publishConcurrency, (row) => transport.publish(envelopeOf(row)));
    const published = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
    if (published.length > 0) {
      await db
        .updateTable('outbox')
        .set({ published_at: now(), claimed_until: null, last_error: null })
        .where('id', 'in', published)
        .execute();
    }
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      const row = rows[i]!;
      const attempts = row.attempts + 1;
      log.warn(
        { eventId: row.id, name: row.name, attempts, err: result.reason },
        'publish failed; will retry',
      );
      await db
        .updateTable('outbox')
        .set({
          attempts,
          last_error: String((result.reason as Error)?.message ?? result.reason).slice(0, 2000),
          claimed_until: new Date(now().getTime() + retryDelay(attempts)),
        })
        .where('id', '=', row.id)
        .execute();
    }
    return published.length;
  }

  const loop = pollingLoop(runOnce, {
    pollMs: options.pollMs ?? 250,
    batchSize,
    gatherMs: options.gatherMs ?? 40,
    gatherFor: 50,
    log,
    what: 'outbox relay',
  });
  return { runOnce, start: loop.start, wake: loop.wake, stop: loop.stop };
}

/** `Promise.allSettled(items.map(run))` with at most `limit` runs pending at once, started in order. */
async function settleAll<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<PromiseSettledResult<void>[]> {
  const results: PromiseSettledResult<void>[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await run(items[i]!) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/** What a pass needs of a claimed row: the envelope and the attempt count. */
const CLAIMED = [
  'seq',
  'id',
  'name',
  'payload',
  'producer',
  'occurred_at',
  'trace_id',
  'correlation_id',
  'attempts',
] as const;
type Claimed = Pick<Selectable<OutboxTable>, (typeof CLAIMED)[number]>;

function envelopeOf(row: Claimed): EventEnvelope {
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    occurredAt: row.occurred_at.toISOString(),
    producer: row.producer,
    ...(row.trace_id ? { traceId: row.trace_id } : {}),
    ...(row.correlation_id ? { correlationId: row.correlation_id } : {}),
  };
}
