import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { summarise, zodIssues } from '../errors/format.ts';
import { type EventContract, type EventEnvelope, newEventId } from './contract.ts';
import type { MessagingTables } from './migrations.ts';

const writers = new WeakSet<object>();

/**
 * Whether `publishEvent` wrote to the outbox in this transaction (the same
 * `trx` object): the inbox worker asks after a batch commits, and if its
 * handlers published, wakes the relay. A handler that publishes through a
 * derived object (`trx.withSchema(...)`) is not seen; its events wait for the
 * relay's next poll instead.
 */
export function wroteOutbox(trx: object): boolean {
  return writers.has(trx);
}

/** Who publishes and in which trace; the app host fills this in for handlers. */
export interface PublishMeta {
  producer: string;
  traceId?: string;
  correlationId?: string;
  /** Defaults to now. */
  occurredAt?: Date;
  /** Defaults to a fresh UUIDv7; pass one to make a retried command publish the same event. */
  id?: string;
}

/**
 * Validates a payload against its contract and writes the event to the
 * outbox in the caller's transaction: it is published if and only if the
 * state change it describes commits. A bad payload is the producer's bug and
 * fails the transaction with `INVALID` naming the field.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await markDeceased(trx, residentId);
 *   await publishEvent(trx, residentDied, { residentId, diedOn }, { producer: 'golden-shield' });
 * });
 */
export async function publishEvent<S extends z.ZodType>(
  trx: Transaction<any>,
  contract: EventContract<S>,
  payload: z.input<S>,
  meta: PublishMeta,
): Promise<EventEnvelope<z.output<S>>> {
  const [envelope] = await publishEvents(trx, contract, [payload], meta);
  return envelope!;
}

/**
 * Several events of one contract in one insert (one round trip instead of
 * one per event), in the caller's transaction, all or none: a bad payload
 * fails them all with `INVALID` naming its index and field. For a producer
 * that changes many records at once (a batch import, a nightly run).
 *
 * @example
 * await publishEvents(trx, birthRegistered, births, { producer: 'golden-shield' });
 */
export async function publishEvents<S extends z.ZodType>(
  trx: Transaction<any>,
  contract: EventContract<S>,
  payloads: readonly z.input<S>[],
  meta: PublishMeta,
): Promise<EventEnvelope<z.output<S>>[]> {
  if (meta.id && payloads.length !== 1) throw new Error('an event id can only be given for a single event');
  const occurredAt = (meta.occurredAt ?? new Date()).toISOString();
  const envelopes = payloads.map((payload, index): EventEnvelope<z.output<S>> => {
    const parsed = contract.schema.safeParse(payload);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      const first = issues[0];
      const at = payloads.length > 1 ? ` (event ${index})` : '';
      throw new DomainError('INVALID', `event ${contract.name}${at}: ${summarise(issues)}`, {
        ...(first ? { field: first.path, rule: first.rule } : {}),
        issues,
      });
    }
    return {
      id: meta.id ?? newEventId(),
      name: contract.name,
      payload: parsed.data,
      occurredAt,
      producer: meta.producer,
      ...(meta.traceId ? { traceId: meta.traceId } : {}),
      ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
    };
  });
  if (envelopes.length === 0) return envelopes;
  // `occurred_at` goes as the ISO text the envelope already holds (PostgreSQL parses it), not as a Date
  // for the driver to format. Every row has the same columns (a multi-row insert needs that).
  await (trx as unknown as Kysely<MessagingTables>)
    .insertInto('outbox')
    .values(
      envelopes.map((envelope) => ({
        id: envelope.id,
        name: envelope.name,
        payload: JSON.stringify(envelope.payload),
        producer: envelope.producer,
        occurred_at: envelope.occurredAt,
        trace_id: envelope.traceId ?? null,
        correlation_id: envelope.correlationId ?? null,
      })),
    )
    .execute();
  writers.add(trx);
  return envelopes;
}

/** `publishEvent` with the producer bound: what the app host puts on a handler's context. */
export type Publisher = <S extends z.ZodType>(
  trx: Transaction<any>,
  contract: EventContract<S>,
  payload: z.input<S>,
  meta?: Omit<PublishMeta, 'producer'>,
) => Promise<EventEnvelope<z.output<S>>>;

/** `publishEvents` with the producer bound. */
export type ManyPublisher = <S extends z.ZodType>(
  trx: Transaction<any>,
  contract: EventContract<S>,
  payloads: readonly z.input<S>[],
  meta?: Omit<PublishMeta, 'producer' | 'id'>,
) => Promise<EventEnvelope<z.output<S>>[]>;

export function createManyPublisher(producer: string): ManyPublisher {
  return (trx, contract, payloads, meta) => publishEvents(trx, contract, payloads, { ...meta, producer });
}

/**
 * @example
 * const publish = createPublisher('golden-shield');
 * await publish(trx, residentDied, { residentId, diedOn }, { traceId });
 */
export function createPublisher(producer: string): Publisher {
  return (trx, contract, payload, meta) => publishEvent(trx, contract, payload, { ...meta, producer });
}
