/**
 * One audit record: who did what, to which objects, on whose behalf, with
 * what result (GB/T 22239-2019 8.1.4.3). The canonical form below is what the
 * Merkle tree commits to, so its field order and escaping never change.
 */
export type AuditKind =
  | 'mutation'
  | 'authentication'
  | 'authorization'
  | 'reveal'
  | 'admin'
  | 'call-in'
  | 'call-out'
  | 'query';
export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEntry {
  /** UTC time of the act. */
  at: Date;
  /** The principal id (`official:…`, `service:…`) or `anonymous`. */
  actor: string;
  actorAgency: string | null;
  /** On whose behalf the actor acted (delegation), if anyone. */
  subject: string | null;
  /** The app that recorded it. */
  service: string;
  procedure: string;
  kind: AuditKind;
  objectIds: string[];
  outcome: AuditOutcome;
  /** The error code when the outcome is not ok. */
  errorCode: string | null;
  sourceAddress: string | null;
  traceId: string;
  /** Made by the server for every request. */
  requestId: string;
  /**
   * The client's own `X-Request-Id`, when it is a plausible id (`[A-Za-z0-9._:-]{1,64}`): how an agency
   * finds its request in our log. Absent or null when the client sent none (or a malformed one).
   */
  correlationId?: string | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const control = /[\u0000-\u001f\u007f]/g;

/** Control characters become visible `\xNN` escapes, so no field can break a log line or a terminal. */
export function escapeControl(value: string): string {
  return value.replace(control, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Cleans every string field of an entry before it is stored. */
export function sanitiseEntry(entry: AuditEntry): AuditEntry {
  const s = (v: string) => escapeControl(v).slice(0, 1000);
  const n = (v: string | null) => (v === null ? null : s(v));
  return {
    ...entry,
    actor: s(entry.actor),
    actorAgency: n(entry.actorAgency),
    subject: n(entry.subject),
    service: s(entry.service),
    procedure: s(entry.procedure),
    objectIds: entry.objectIds.slice(0, 50).map(s),
    errorCode: n(entry.errorCode),
    sourceAddress: n(entry.sourceAddress),
    traceId: s(entry.traceId),
    requestId: s(entry.requestId),
    correlationId: entry.correlationId ? s(entry.correlationId) : null,
  };
}

/**
 * The bytes a record's leaf hash is computed over: JSON with a fixed field order. The correlation
 * id, added later, is a 14th element only when the record has one, so every record written before
 * it (and every record without one) hashes as it always did.
 */
export function canonicalBytes(entry: AuditEntry): Buffer {
  const ordered = [
    entry.at.toISOString(),
    entry.actor,
    entry.actorAgency,
    entry.subject,
    entry.service,
    entry.procedure,
    entry.kind,
    entry.objectIds,
    entry.outcome,
    entry.errorCode,
    entry.sourceAddress,
    entry.traceId,
    entry.requestId,
    ...(entry.correlationId ? [entry.correlationId] : []),
  ];
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}
