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
 * Calls `step` until stopped. `step` returns true when it had a full batch,
 * in which case the loop goes straight on instead of sleeping; a failing step
 * (database briefly down) is logged and retried at the next tick.
 */
export function pollingLoop(
  step: () => Promise<boolean>,
  options: { pollMs: number; log: Logger; what: string },
): PollingLoop {
  let stopped = false;
  let woken = false;
  let running: Promise<void> | undefined;
  let interrupt: (() => void) | undefined;

  async function run(): Promise<void> {
    while (!stopped) {
      woken = false;
      let more = false;
      try {
        more = await step();
      } catch (error) {
        options.log.error({ err: error }, `${options.what} failed; retrying`);
      }
      if (stopped || more || woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      interrupt = undefined;
    }
  }

  return {
    start() {
      if (running || stopped) return;
      running = run();
    },
    wake() {
      woken = true;
      interrupt?.();
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
