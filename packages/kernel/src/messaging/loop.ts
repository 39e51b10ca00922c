import { sql, type Transaction } from 'kysely';
import type { Logger } from '../log/logger.ts';

/** A background poller that can be nudged and stopped; shared by the relay and the inbox worker. */
export interface PollingLoop {
  start(): void;
  /** Runs the next step now instead of at the next tick (e.g. right after a commit). */
  wake(): void;
  /** Resolves once the step in progress has finished; no further steps run. */
  stop(): Promise<void>;
}

/**
 * Calls `step` until stopped. `step` returns how many items it handled: a
 * full batch (`batchSize`) means more may be waiting, so the loop goes
 * straight on instead of sleeping; a failing step (database briefly down) is
 * logged and retried at the next tick.
 *
 * Woken while a step ran, the loop goes again, but first lets work gather in
 * proportion to what that step found: `gatherMs` (from the start of the
 * step) after a step of `gatherFor` items or more, a fraction of it after a
 * smaller one. A quiet system (a step finds one item) goes again at once,
 * adding no latency; one under load (steps find many) settles into steps of
 * many items, each paying a step's fixed statements once for all of them.
 */
export function pollingLoop(
  step: () => Promise<number>,
  options: {
    pollMs: number;
    batchSize: number;
    gatherMs?: number;
    gatherFor?: number;
    log: Logger;
    what: string;
  },
): PollingLoop {
  let stopped = false;
  let woken = false;
  let running: Promise<void> | undefined;
  let interrupt: (() => void) | undefined;
  let gathering = false;

  async function run(): Promise<void> {
    while (!stopped) {
      woken = false;
      let handled = 0;
      const started = performance.now();
      try {
        handled = await step();
      } catch (error) {
        options.log.error({ err: error }, `${options.what} failed; retrying`);
      }
      if (stopped || handled >= options.batchSize) continue;
      const share = Math.min(1, Math.max(0, handled - 1) / (options.gatherFor ?? 1));
      const gather = (options.gatherMs ?? 0) * share - (performance.now() - started);
      if (woken && gather <= 0) continue;
      gathering = woken;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, gathering ? gather : options.pollMs);
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      interrupt = undefined;
      gathering = false;
    }
  }

  return {
    start() {
      if (running || stopped) return;
      running = run();
    },
    wake() {
      woken = true;
      if (!gathering) interrupt?.();
    },
    async stop() {
      stopped = true;
      interrupt?.();
      await running;
    },
  };
}

/**
 * Exponential backoff with jitter, capped: attempt 1 waits about `baseMs`,
 * each further attempt twice as long, never more than `maxMs`. Jitter spreads
 * the retries of many failed events so they do not hit a recovering
 * dependency all at once.
 *
 * @example
 * const backoff = exponentialBackoff({ baseMs: 5_000, maxMs: 600_000 });
 * backoff(3); // about 20 s
 */
export function exponentialBackoff(options: { baseMs?: number; maxMs?: number; jitter?: number } = {}) {
  const { baseMs = 5_000, maxMs = 10 * 60_000, jitter = 0.2 } = options;
  return (attempt: number): number => {
    const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    const spread = raw * jitter * (Math.random() * 2 - 1);
    return Math.max(0, Math.min(maxMs, Math.round(raw + spread)));
  };
}

/**
 * For the rest of this transaction, read the queue indexes in order instead
 * of with a bitmap. The relay and the worker look for the first few rows of
 * a partial index (`outbox_unpublished`, `inbox_due`) whose rows leave it
 * one update later; until vacuum, each leaves a dead entry behind. A bitmap
 * scan (what the planner picks, since few rows match) visits every dead
 * entry's heap page on every pass, so a pass costs more with every event
 * since the last vacuum (1 ms and more after some thousands). An index scan
 * stops at the limit and marks the dead entries it passes, so later scans
 * skip them without visiting the heap. Measured: flat delivery latency after
 * a burst instead of a growing one, about a fifth less database CPU per event.
 */
export async function preferIndexScan(trx: Transaction<any>): Promise<void> {
  await sql`set local enable_bitmapscan = off`.execute(trx);
}
