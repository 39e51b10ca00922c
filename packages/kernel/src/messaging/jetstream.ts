import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
} from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createLogger, type Logger } from '../log/logger.ts';
import { EVENT_NAME, type EventEnvelope } from './contract.ts';
import { drain, ensureStream, ns } from './jetstream-support.ts';
import type { Subscription, Transport } from './transport.ts';

export interface JetStreamOptions {
  servers: string | string[];
  /** Stream holding every event; one per deployment (tests use a unique one). */
  stream?: string;
  /** Events go to `<subjectPrefix>.<event name>`. */
  subjectPrefix?: string;
  /** How long a consumer may take to commit an event to its inbox before the server redelivers it. */
  ackWaitMs?: number;
  /**
   * -1 (the default): redeliver until the inbox insert commits. The bounded
   * attempts and the dead-letter store are the inbox's, where the handler
   * runs; a finite limit here would silently drop acknowledged events
   * whenever a consumer's database is down for longer than the budget.
   */
  maxDeliver?: number;
  /**
   * Deliveries in flight per subscribed event name (256 by default): the
   * inbox stores what arrives together in one insert, so more in flight
   * means fewer, larger inserts.
   */
  concurrency?: number;
  duplicateWindowMs?: number;
  /**
   * Copies of the stream in a NATS cluster when this call creates it (1 by default, one host; 3 across
   * three servers survives the loss of one). An existing stream keeps its own.
   */
  replicas?: number;
  log?: Logger;
}

/**
 * The distributed-mode transport. Publishing awaits the stream's PubAck with
 * the event id as `Nats-Msg-Id`, so a relay republishing after a crash is
 * deduplicated by the server within the duplicate window (and by the inbox
 * after it). Each consumer app gets one durable pull consumer per event name
 * (`filter_subject` on every server version; `filter_subjects` needs 2.10),
 * acknowledged explicitly after the inbox insert commits.
 *
 * @example
 * const transport = await createJetStreamTransport({ servers: 'nats://127.0.0.1:4222' });
 */
export async function createJetStreamTransport(options: JetStreamOptions): Promise<Transport> {
  const { stream = 'EGOV_EVENTS', subjectPrefix = 'egov.events', concurrency = 256 } = options;
  const log = options.log ?? createLogger({ name: 'jetstream' });
  const nc = await connect({
    servers: options.servers,
    name: `egov-${process.pid}`,
    maxReconnectAttempts: -1,
    // An Error (with its stack) per request, for nicer traces, costs more than the rest of a publish.
    noAsyncTraces: true,
  });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  try {
    await ensureStream(
      jsm,
      stream,
      subjectPrefix,
      options.duplicateWindowMs ?? 120_000,
      options.replicas ?? 1,
    );
  } catch (error) {
    await nc.close();
    throw error;
  }
  const subjectOf = (name: string) => {
    if (!EVENT_NAME.test(name)) throw new Error(`not an event name: ${name}`);
    return `${subjectPrefix}.${name}`;
  };
  const subscriptions = new Set<Subscription>();

  return {
    kind: 'jetstream',
    async publish(envelope: EventEnvelope) {
      await js.publish(subjectOf(envelope.name), JSON.stringify(envelope), {
        msgID: envelope.id,
        expect: { streamName: stream },
      });
    },
    async subscribe(consumer, names, deliver) {
      const loops: Promise<void>[] = [];
      const feeds: ConsumerMessages[] = [];
      for (const name of names) {
        // Event names never contain `_`, so the mapping is reversible and durable names never collide.
        const durable = `${consumer}--${name.replaceAll('.', '_')}`;
        const tunables = {
          ack_wait: ns(options.ackWaitMs ?? 30_000),
          max_deliver: options.maxDeliver ?? -1,
          max_ack_pending: concurrency * 4,
        };
        const config = { durable_name: durable, filter_subject: subjectOf(name), ...tunables };
        await jsm.consumers
          .add(stream, { ...config, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All })
          // Newer servers refuse to re-create a durable with changed settings; update what may change.
          .catch((error) =>
            jsm.consumers.update(stream, durable, tunables).catch(() => Promise.reject(error)),
          );
        const feed = await (await js.consumers.get(stream, durable)).consume({
          max_messages: concurrency * 2,
        });
        feeds.push(feed);
        loops.push(drain(feed, deliver, concurrency, log.child({ durable })));
      }
      const subscription: Subscription = {
        async stop() {
          subscriptions.delete(subscription);
          for (const feed of feeds) feed.stop();
          await Promise.all(loops);
        },
      };
      subscriptions.add(subscription);
      return subscription;
    },
    open() {},
    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      await nc.drain();
    },
  };
}
