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
  const parsed = contract.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const first = issues[0];
    throw new DomainError('INVALID', `event ${contract.name}: ${summarise(issues)}`, {
      ...(first ? { field: first.path, rule: first.rule } : {}),
      issues,
    });
  }
  const envelope: EventEnvelope<z.output<S>> = {
    id: meta.id ?? newEventId(),
    name: contract.name,
    payload: parsed.data,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    producer: meta.producer,
    ...(meta.traceId ? { traceId: meta.traceId } : {}),
    ...(meta.correlationId ? { correlationId: meta.correlationId } : {}),
  };
  // Only the columns that carry something: the rest default to null. `occurred_at` goes as the ISO
  // text the envelope already holds (PostgreSQL parses it), not as a Date for the driver to format.
  await (trx as unknown as Kysely<MessagingTables>)
    .insertInto('outbox')
    .values({
      id: envelope.id,
      name: envelope.name,
      payload: JSON.stringify(envelope.payload),
      producer: envelope.producer,
      occurred_at: envelope.occurredAt,
      ...(envelope.traceId ? { trace_id: envelope.traceId } : {}),
      ...(envelope.correlationId ? { correlation_id: envelope.correlationId } : {}),
    })
    .execute();
  writers.add(trx);
  return envelope;
}

/** `publishEvent` with the producer bound: what the app host puts on a handler's context. */
export type Publisher = <S extends z.ZodType>(
  trx: Transaction<any>,
  contract: EventContract<S>,
  payload: z.input<S>,
  meta?: Omit<PublishMeta, 'producer'>,
) => Promise<EventEnvelope<z.output<S>>>;

/**
 * @example
 * const publish = createPublisher('golden-shield');
 * await publish(trx, residentDied, { residentId, diedOn }, { traceId });
 */
export function createPublisher(producer: string): Publisher {
  return (trx, contract, payload, meta) => publishEvent(trx, contract, payload, { ...meta, producer });
}
