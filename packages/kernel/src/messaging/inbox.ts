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

/** The inbox row for whatever arrived: pending if it is a valid envelope, else a dead letter with the reason. */
function inboxRow(raw: unknown, now: Date): Insertable<InboxTable> {
  const parsed = eventEnvelopeSchema.safeParse(raw);
  return parsed.success
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
}

function insertRows(db: Kysely<any>, rows: Insertable<InboxTable>[]) {
  return (db as Kysely<MessagingTables>)
    .insertInto('inbox')
    .values(rows)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
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
  const row = inboxRow(raw, now);
  try {
    await insertRows(db, [row]);
  } catch (error) {
    // A value PostgreSQL cannot store (class 22: e.g. \u0000 in jsonb) fails the same way on
    // every redelivery; keep its bytes as a dead letter instead of letting it loop forever.
    if (!String((error as { code?: unknown }).code).startsWith('22')) throw error;
    const bytes = Buffer.from(safeJson(raw)).toString('base64');
    await insertRows(db, [
      {
        ...row,
        name: row.name.replaceAll('\0', ''),
        producer: row.producer.replaceAll('\0', ''),
        payload: JSON.stringify({ base64: bytes }),
        trace_id: null,
        correlation_id: null,
        status: 'dead',
        last_error: `unstorable: ${(error as Error).message}`,
      },
    ]);
    return 'dead';
  }
  return row.status === 'dead' ? 'dead' : 'pending';
}

/**
 * `receiveEvent` for many arrivals in one multi-row insert (one statement,
 * so one commit). Rejects as a whole if the database refuses any row; the
 * caller then takes them one by one.
 */
export async function receiveEvents(
  db: Kysely<any>,
  raws: readonly unknown[],
  now: Date,
): Promise<('pending' | 'dead')[]> {
  const rows = raws.map((raw) => inboxRow(raw, now));
  // The same id twice in one statement (a redelivery that caught up with the first): insert it once.
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.event_id) && seen.add(r.event_id));
  await insertRows(db, unique);
  return rows.map((r) => (r.status === 'dead' ? 'dead' : 'pending'));
}

/**
 * Group commit for arrivals: the first arrival is inserted at the next turn
 * of the event loop together with whatever arrived in the same turn; while
 * that insert runs, later arrivals queue and go in the next one (up to
 * `maxBatch` a statement). Each arrival's promise resolves once its row has
 * committed, so a transport that acknowledges on resolution still
 * acknowledges only what is stored. A batch the database refuses is retried
 * row by row, so one unstorable event costs only itself.
 */
export function batchedReceipt(
  db: Kysely<any>,
  now: () => Date,
  maxBatch: number,
): (raw: unknown) => Promise<'pending' | 'dead'> {
  interface Waiting {
    raw: unknown;
    resolve: (status: 'pending' | 'dead') => void;
    reject: (error: unknown) => void;
  }
  const queue: Waiting[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const statuses = await receiveEvents(
          db,
          batch.map((w) => w.raw),
          now(),
        );
        for (const [i, w] of batch.entries()) w.resolve(statuses[i]!);
      } catch {
        await Promise.all(batch.map((w) => receiveEvent(db, w.raw, now()).then(w.resolve, w.reject)));
      }
    }
    flushing = false;
  }

  return (raw) =>
    new Promise((resolve, reject) => {
      queue.push({ raw, resolve, reject });
      if (flushing) return;
      flushing = true;
      setImmediate(() => void flush());
    });
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
export function envelopeOf(
  row: Pick<
    Selectable<InboxTable>,
    'event_id' | 'name' | 'producer' | 'occurred_at' | 'received_at' | 'trace_id' | 'correlation_id'
  >,
  payload: unknown,
): EventEnvelope {
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
