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
  requestId: string;
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
  };
}

/** The bytes a record's leaf hash is computed over: JSON with a fixed field order. */
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
  ];
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}
