/**
 * Domain events between apps: an outbox written in the handler's own
 * transaction, a relay, a transport (in-process or NATS JetStream), and an
 * inbox per consumer that dedupes, retries with backoff and keeps dead letters.
 */

export {
  createInboxWorker,
  type EventHandler,
  type InboxWorker,
  type InboxWorkerOptions,
  onEvent,
  onEvents,
  type ReceivedEvent,
} from './consumer.ts';
export {
  defineEvent,
  EVENT_NAME,
  type EventContract,
  type EventEnvelope,
  type EventPayload,
  eventEnvelopeSchema,
  newEventId,
} from './contract.ts';
export { type DeadLetter, listDeadLetters, pruneMessaging, replayDeadLetters } from './dead-letters.ts';
export { createInProcessTransport, type InProcessOptions, sharedInProcessTransport } from './in-process.ts';
export { receiveEvent } from './inbox.ts';
export { createJetStreamTransport, type JetStreamOptions } from './jetstream.ts';
export { exponentialBackoff } from './loop.ts';
export { type Messaging, type MessagingOptions, startMessaging } from './messaging.ts';
export {
  type InboxStatus,
  type InboxTable,
  type MessagingTables,
  messagingMigrations,
  type OutboxTable,
} from './migrations.ts';
export {
  createManyPublisher,
  createPublisher,
  type ManyPublisher,
  type Publisher,
  type PublishMeta,
  publishEvent,
  publishEvents,
} from './outbox.ts';
export { createRelay, type Relay, type RelayOptions } from './relay.ts';
export { type Deliver, type Subscription, type Transport, transportFromEnv } from './transport.ts';
