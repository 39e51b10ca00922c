import type { Logger } from '../log/logger.ts';
import type { EventEnvelope } from './contract.ts';
import { sharedInProcessTransport } from './in-process.ts';
import { createJetStreamTransport } from './jetstream.ts';

/**
 * Takes whatever arrived (an object, a string, garbage) into the consumer's
 * inbox and resolves only after that insert has committed. The transport
 * acknowledges the event only after `deliver` resolves.
 */
export type Deliver = (raw: unknown) => Promise<void>;

export interface Subscription {
  /** Stops taking new events; resolves once deliveries in progress have finished. */
  stop(): Promise<void>;
}

/** Moves envelopes from one app's relay to other apps' inboxes. */
export interface Transport {
  readonly kind: 'in-process' | 'jetstream';
  /**
   * Resolves only when the event is durably held for every subscriber
   * (in-process: in each subscriber's inbox; JetStream: in the stream, with
   * the durable consumers' interest recorded). Rejects otherwise, and the
   * relay tries again later.
   */
  publish(envelope: EventEnvelope): Promise<void>;
  /** `consumer` is the app name; it names the durable subscription, so a restart resumes where it was. */
  subscribe(consumer: string, names: readonly string[], deliver: Deliver): Promise<Subscription>;
  /**
   * Every local subscription is registered: start delivering. Only the
   * in-process bus created with `holdUntilOpen` waits for this; elsewhere a no-op.
   */
  open(): void;
  close(): Promise<void>;
}

/**
 * The transport the environment asks for: NATS JetStream when `NATS_URL` is
 * set (comma-separated servers), otherwise the process-wide in-process bus,
 * which holds publishes until `open()` so that in the embedded mode no app's
 * relay delivers before every app has subscribed.
 *
 * @example
 * const transport = await transportFromEnv(process.env, log);
 * // ... startMessaging for every app in this process ...
 * transport.open();
 */
export async function transportFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  log?: Logger,
): Promise<Transport> {
  const url = env.NATS_URL;
  if (!url) return sharedInProcessTransport();
  return createJetStreamTransport({
    servers: url.split(',').map((s) => s.trim()),
    ...(env.EGOV_EVENTS_STREAM ? { stream: env.EGOV_EVENTS_STREAM } : {}),
    // A second deployment on the same NATS needs subjects of its own: two streams may not capture the same ones.
    ...(env.EGOV_EVENTS_SUBJECT_PREFIX ? { subjectPrefix: env.EGOV_EVENTS_SUBJECT_PREFIX } : {}),
    ...(env.EGOV_EVENTS_REPLICAS ? { replicas: eventsReplicas(env.EGOV_EVENTS_REPLICAS) } : {}),
    ...(log ? { log } : {}),
  });
}

/** `EGOV_EVENTS_REPLICAS`: 1, 3 or 5 copies of the events stream (JetStream's replica counts). */
export function eventsReplicas(value: string): number {
  const n = Number(value);
  if (![1, 3, 5].includes(n)) throw new Error(`EGOV_EVENTS_REPLICAS must be 1, 3 or 5, not "${value}"`);
  return n;
}
