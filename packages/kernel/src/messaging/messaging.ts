import type { Kysely } from 'kysely';
import type { Logger } from '../log/logger.ts';
import {
  createInboxWorker,
  type EventHandler,
  type InboxWorker,
  type InboxWorkerOptions,
} from './consumer.ts';
import { createManyPublisher, createPublisher, type ManyPublisher, type Publisher } from './outbox.ts';
import { createRelay, type Relay, type RelayOptions } from './relay.ts';
import type { Subscription, Transport } from './transport.ts';

export interface MessagingOptions<DB> {
  /** The app's schema-scoped database (with `messagingMigrations` applied). */
  db: Kysely<DB>;
  /** The app name: producer of its events and name of its durable subscription. */
  app: string;
  transport: Transport;
  /** The events this app handles; none means it only publishes. */
  handlers?: EventHandler<DB, any>[];
  log: Logger;
  relay?: Pick<
    RelayOptions,
    'pollMs' | 'gatherMs' | 'batchSize' | 'publishConcurrency' | 'leaseMs' | 'retryDelay' | 'now'
  >;
  worker?: Pick<
    InboxWorkerOptions<DB>,
    | 'maxAttempts'
    | 'backoff'
    | 'pollMs'
    | 'gatherMs'
    | 'batchSize'
    | 'concurrency'
    | 'receiveBatchSize'
    | 'now'
  >;
}

export interface Messaging {
  relay: Relay;
  worker: InboxWorker;
  /** `publishEvent` with this app as the producer; for the handler context. */
  publish: Publisher;
  /** `publishEvents` (several events of one contract, one insert) with this app as the producer. */
  publishMany: ManyPublisher;
  /** Call after a commit that published events, so they go out now rather than at the next poll. */
  wake(): void;
  /** Stops the relay (its batch finishes), then the subscription, then the worker. The transport stays open. */
  stop(): Promise<void>;
}

/**
 * Everything an app needs for events: subscribes its handlers, then starts
 * its inbox worker and its outbox relay. The transport is the host's (one per
 * process) and outlives the apps: the host closes it last.
 *
 * @example
 * const transport = await transportFromEnv(process.env, log);
 * const messaging = await startMessaging({ db: database.db, app: 'golden-tax', transport, handlers, log });
 * transport.open(); // once every app in the process has started its messaging
 * // on shutdown: await messaging.stop(); ... await transport.close();
 */
export async function startMessaging<DB>(options: MessagingOptions<DB>): Promise<Messaging> {
  const log = options.log.child({ messaging: options.app });
  const relay = createRelay({ db: options.db, transport: options.transport, log, ...options.relay });
  const worker = createInboxWorker<DB>({
    db: options.db,
    consumer: options.app,
    handlers: options.handlers ?? [],
    log,
    ...options.worker,
    // Events published by handlers go out right after their batch commits.
    onPublished: relay.wake,
  });
  const names = worker.subscriptionNames();
  // Subscribe before the relay starts, so an app that consumes its own events misses none.
  const subscription: Subscription | undefined =
    names.length > 0 ? await options.transport.subscribe(options.app, names, worker.receive) : undefined;
  worker.start();
  relay.start();
  return {
    relay,
    worker,
    publish: createPublisher(options.app),
    publishMany: createManyPublisher(options.app),
    wake: relay.wake,
    async stop() {
      await relay.stop();
      await subscription?.stop();
      await worker.stop();
    },
  };
}
