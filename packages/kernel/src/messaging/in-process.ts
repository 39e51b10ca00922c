import type { EventEnvelope } from './contract.ts';
import type { Deliver, Subscription, Transport } from './transport.ts';

export interface InProcessOptions {
  /** Reject publishes until `open()`, so a relay cannot deliver before the other apps have subscribed. */
  holdUntilOpen?: boolean;
}

/**
 * The embedded-mode transport: publishing calls every subscribed consumer's
 * `deliver` (an inbox insert) and resolves once all have committed. If any
 * fails, publish rejects and the relay republishes later; consumers that
 * already have it dedupe by event id. Subscriptions live in memory, so the
 * bus only delivers to apps that subscribed in this process.
 *
 * @example
 * const transport = createInProcessTransport();
 * await transport.subscribe('golden-tax', ['golden-shield.resident.died.v1'], worker.receive);
 */
export function createInProcessTransport(options: InProcessOptions = {}): Transport {
  const subscribers = new Map<
    string,
    { names: Set<string>; deliver: Deliver; inFlight: Set<Promise<void>> }
  >();
  let opened = !options.holdUntilOpen;

  return {
    kind: 'in-process',
    async publish(envelope: EventEnvelope) {
      if (!opened) throw new Error('in-process bus not open yet: apps are still subscribing');
      // Through JSON, as on the wire, so both transports hand consumers the same thing.
      const wire = JSON.stringify(envelope);
      const targets = [...subscribers.values()].filter((s) => s.names.has(envelope.name));
      const results = await Promise.allSettled(
        targets.map((s) => {
          const delivery = s.deliver(JSON.parse(wire));
          s.inFlight.add(delivery);
          return delivery.finally(() => s.inFlight.delete(delivery));
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async subscribe(consumer, names, deliver): Promise<Subscription> {
      if (subscribers.has(consumer)) throw new Error(`${consumer} is already subscribed on this bus`);
      const entry = { names: new Set(names), deliver, inFlight: new Set<Promise<void>>() };
      subscribers.set(consumer, entry);
      return {
        async stop() {
          if (subscribers.get(consumer) === entry) subscribers.delete(consumer);
          await Promise.allSettled([...entry.inFlight]);
        },
      };
    },
    open() {
      opened = true;
    },
    async close() {
      subscribers.clear();
    },
  };
}

let shared: Transport | undefined;

/**
 * The one bus every app in this process shares (the embedded mode); held until `open()`.
 *
 * @example
 * const bus = sharedInProcessTransport(); // what transportFromEnv returns without NATS_URL
 * bus.open();
 */
export function sharedInProcessTransport(): Transport {
  shared ??= createInProcessTransport({ holdUntilOpen: true });
  return shared;
}
