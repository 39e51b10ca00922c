import { randomUUID } from 'node:crypto';

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The W3C trace id of an incoming `traceparent`, or a new one. */
export function traceIdFrom(traceparent: string | undefined): string {
  const match = traceparent ? traceparentPattern.exec(traceparent) : null;
  if (match?.[1] && match[1] !== '0'.repeat(32)) return match[1];
  return fresh();
}

/**
 * 32 random hex digits from a v4 UUID: Node draws UUIDs from a pooled buffer
 * of randomness, several times cheaper per request than `randomBytes` (122
 * random bits; the version and variant digits are fixed, which W3C allows).
 */
function fresh(): string {
  const u = randomUUID();
  return u.slice(0, 8) + u.slice(9, 13) + u.slice(14, 18) + u.slice(19, 23) + u.slice(24);
}

/** A `traceparent` header continuing `traceId` with a fresh span. */
export function traceparentFor(traceId: string): string {
  return `00-${traceId}-${fresh().slice(16)}-01`;
}
