import {
  type ConsumerMessages,
  type JetStreamManager,
  type JsMsg,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { Logger } from '../log/logger.ts';
import type { Deliver } from './transport.ts';

/** NATS durations are nanoseconds. */
export const ns = (ms: number) => ms * 1_000_000;

/**
 * Interest retention: a message stays until every durable consumer that
 * existed when it was published has acknowledged it, however long that
 * takes, and no longer; so the stream is bounded by the backlog, not by an
 * age limit that could drop events a stopped consumer has not yet seen.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  prefix: string,
  dupMs: number,
  replicas = 1,
): Promise<void> {
  const subjects = [`${prefix}.>`];
  try {
    const info = await jsm.streams.info(name);
    if (!info.config.subjects?.some((s) => s === subjects[0])) {
      throw new Error(`stream ${name} exists but does not capture ${subjects[0]}`);
    }
  } catch (error) {
    if ((error as { code?: number }).code !== 10059) throw error;
    await jsm.streams.add({
      name,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Interest,
      duplicate_window: ns(dupMs),
      num_replicas: replicas,
    });
  }
}

/**
 * Delivers up to `concurrency` messages at once; acks each after its inbox
 * insert commits, naks with backoff otherwise. Many in flight is what lets
 * the inbox store them in one insert (`batchedReceipt`): the messages the
 * feed hands over in one turn of the event loop share a statement.
 */
export async function drain(
  feed: ConsumerMessages,
  deliver: Deliver,
  concurrency: number,
  log: Logger,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let freed: (() => void) | undefined;
  const handle = async (m: JsMsg) => {
    let raw: unknown;
    try {
      raw = m.json();
    } catch {
      raw = m.string();
    }
    try {
      await deliver(raw);
      m.ack();
    } catch (error) {
      const delay = Math.min(60_000, 500 * 2 ** Math.min(7, m.info.deliveryCount - 1));
      log.warn({ err: error, seq: m.seq, delay }, 'inbox insert failed; redelivering later');
      m.nak(delay);
    }
  };
  try {
    for await (const m of feed) {
      const p = handle(m).finally(() => {
        inFlight.delete(p);
        freed?.();
      });
      inFlight.add(p);
      if (inFlight.size >= concurrency) {
        await new Promise<void>((resolve) => {
          freed = resolve;
        });
        freed = undefined;
      }
    }
  } catch (error) {
    log.error({ err: error }, 'consumer feed ended');
  }
  await Promise.all(inFlight);
}
