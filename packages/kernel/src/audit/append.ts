import type { Kysely } from 'kysely';
import { type AuditEntry, sanitiseEntry } from './record.ts';
import type { AuditDatabase } from './table.ts';

/**
 * Appends a record in the caller's transaction, so it commits or rolls back
 * with the act it describes. Hashing and tree heads happen later, in batches
 * (`integrate`); durability does not wait for them.
 */
export async function appendAudit(db: Kysely<any>, entry: AuditEntry): Promise<void> {
  await appendAuditRows(db, [entry]);
}

/** Appends several records in one statement (one round trip, one commit outside a transaction). */
export async function appendAuditRows(db: Kysely<any>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await (db as Kysely<AuditDatabase>).insertInto('audit_record').values(entries.map(rowOf)).execute();
}

function rowOf(entry: AuditEntry) {
  const e = sanitiseEntry(entry);
  return {
    at: e.at,
    actor: e.actor,
    actor_agency: e.actorAgency,
    subject: e.subject,
    service: e.service,
    procedure: e.procedure,
    kind: e.kind,
    object_ids: JSON.stringify(e.objectIds),
    outcome: e.outcome,
    error_code: e.errorCode,
    source_address: e.sourceAddress,
    trace_id: e.traceId,
    request_id: e.requestId,
    correlation_id: e.correlationId ?? null,
  };
}

/** A stored row back to the entry it was made from (the inverse of `appendAudit`). */
export function entryFromRow(row: {
  at: Date | string;
  actor: string;
  actor_agency: string | null;
  subject: string | null;
  service: string;
  procedure: string;
  kind: string;
  object_ids: unknown;
  outcome: string;
  error_code: string | null;
  source_address: string | null;
  trace_id: string;
  request_id: string;
  correlation_id?: string | null;
}): AuditEntry {
  const objectIds = typeof row.object_ids === 'string' ? JSON.parse(row.object_ids) : row.object_ids;
  return {
    at: row.at instanceof Date ? row.at : new Date(row.at),
    actor: row.actor,
    actorAgency: row.actor_agency,
    subject: row.subject,
    service: row.service,
    procedure: row.procedure,
    kind: row.kind as AuditEntry['kind'],
    objectIds: objectIds as string[],
    outcome: row.outcome as AuditEntry['outcome'],
    errorCode: row.error_code,
    sourceAddress: row.source_address,
    traceId: row.trace_id,
    requestId: row.request_id,
    ...(row.correlation_id ? { correlationId: row.correlation_id } : {}),
  };
}
