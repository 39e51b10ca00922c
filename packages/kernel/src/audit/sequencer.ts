import type { Kysely } from 'kysely';
import type { Logger } from '../log/logger.ts';
import { integrate } from './integrate.ts';
import type { AuditSigner, TreeHead } from './tree-head.ts';

export interface AuditSequencer {
  /** Integrates everything committed so far and signs a head (tests, shutdown, CLI). */
  flush(): Promise<TreeHead | null>;
  stop(): Promise<void>;
}

/**
 * Runs `integrate` on an interval, so hashing and head signing are batched
 * off the request path while every record is already durable.
 */
export function startAuditSequencer(options: {
  db: Kysely<any>;
  service: string;
  signer: AuditSigner;
  log: Logger;
  intervalMs?: number;
  now?: () => Date;
}): AuditSequencer {
  let running: Promise<TreeHead | null> = Promise.resolve(null);
  const run = () => {
    running = running
      .catch(() => null)
      .then(() =>
        integrate(options.db, {
          service: options.service,
          signer: options.signer,
          ...(options.now ? { now: options.now } : {}),
        }),
      )
      .catch((error: unknown) => {
        options.log.error({ err: error }, 'audit sequencing failed; records stay durable and are retried');
        return null;
      });
    return running;
  };
  const timer = setInterval(run, options.intervalMs ?? 1_000);
  timer.unref();
  return {
    flush: run,
    stop: async () => {
      clearInterval(timer);
      await run();
    },
  };
}
