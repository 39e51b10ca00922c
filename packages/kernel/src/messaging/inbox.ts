import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ZodError } from 'zod';
import { zodIssues } from '../errors/format.ts';
import { derivedEventId, type EventEnvelope, eventEnvelopeSchema, safeJson } from './contract.ts';
import type { InboxTable, MessagingTables } from './migrations.ts';

/** `schema: residentId regex (Invalid string)`: the first few broken fields, each with its rule. */
export function describeIssues(prefix: string, error: ZodError): string {
  const issues = zodIssues(error);
  const shown = issues.slice(0, 5).map((i) => `${i.path} ${i.rule} (${i.message})`);
  return `${prefix}: ${shown.join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`;
}

/**
 * Records an arrived event in the inbox, once: a second delivery of the same
 * id inserts nothing. Something that is not a valid envelope is not refused
 * (the transport would redeliver it forever) but stored straight away as a
 * dead letter with the reason, under an id derived from its bytes.
 *
 * @example
 * await transport.subscribe('golden-tax', names, (raw) => receiveEvent(db, raw, new Date()));
 */
export async function receiveEvent(db: Kysely<any>, raw: unknown, now: Date): Promise<'pending' | 'dead'> {
  const parsed = eventEnvelopeSchema.safeParse(raw);
  const row: Insertable<InboxTable> = parsed.success
    ? {
        ...fromEnvelope(parsed.data as EventEnvelope),
        received_at: now,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        done_at: null,
      }
    : {
        ...salvage(raw),
        received_at: now,
        status: 'dead',
        attempts: 0,
        next_attempt_at: now,
        last_error: describeIssues('envelope', parsed.error),
        done_at: null,
      };
  const insert = (values: Insertable<InboxTable>) =>
    (db as Kysely<MessagingTables>)
      .insertInto('inbox')
      .values(values)
      .onConflict((oc) => oc.column('event_id').doNothing())
      .execute();
  try {
    await insert(row);
  } catch (error) {
    // A value PostgreSQL cannot store (class 22: e.g. \u0000 in jsonb) fails the same way on
    // every redelivery; keep its bytes as a dead letter instead of letting it loop forever.
    if (!String((error as { code?: unknown }).code).startsWith('22')) throw error;
    const bytes = Buffer.from(safeJson(raw)).toString('base64');
    await insert({
      ...row,
      name: row.name.replaceAll('\0', ''),
      producer: row.producer.replaceAll('\0', ''),
      payload: JSON.stringify({ base64: bytes }),
      trace_id: null,
      correlation_id: null,
      status: 'dead',
      last_error: `unstorable: ${(error as Error).message}`,
    });
    return 'dead';
  }
  return row.status === 'dead' ? 'dead' : 'pending';
}

type EnvelopeColumns = Pick<
  Insertable<InboxTable>,
  'event_id' | 'name' | 'producer' | 'payload' | 'occurred_at' | 'trace_id' | 'correlation_id'
>;

function fromEnvelope(e: EventEnvelope): EnvelopeColumns {
  return {
    event_id: e.id,
    name: e.name,
    producer: e.producer,
    payload: safeJson(e.payload ?? null),
    occurred_at: new Date(e.occurredAt),
    trace_id: e.traceId ?? null,
    correlation_id: e.correlationId ?? null,
  };
}

/** Keeps whatever is recognisable of a broken envelope, so an operator can tell what it was. */
function salvage(raw: unknown): EnvelopeColumns {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : null);
  return {
    // Derived from the bytes even when `id` looks fine, so a corrected resend under that id still gets in.
    event_id: derivedEventId(raw),
    name: text(o.name) ?? '(unknown)',
    producer: text(o.producer) ?? '(unknown)',
    // The whole thing, not just `payload`: the broken part may be anywhere.
    payload: safeJson({ raw }),
    occurred_at: null,
    trace_id: text(o.traceId),
    correlation_id: text(o.correlationId),
  };
}

/** The envelope back from an inbox row, as the handler receives it. */
export function envelopeOf(row: Selectable<InboxTable>, payload: unknown): EventEnvelope {
  return {
    id: row.event_id,
    name: row.name,
    payload,
    occurredAt: (row.occurred_at ?? row.received_at).toISOString(),
    producer: row.producer,
    ...(row.trace_id ? { traceId: row.trace_id } : {}),
    ...(row.correlation_id ? { correlationId: row.correlation_id } : {}),
  };
}
