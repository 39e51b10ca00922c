import { randomBytes } from 'node:crypto';

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The W3C trace id of an incoming `traceparent`, or a new one. */
export function traceIdFrom(traceparent: string | undefined): string {
  const match = traceparent ? traceparentPattern.exec(traceparent) : null;
  if (match?.[1] && match[1] !== '0'.repeat(32)) return match[1];
  return randomBytes(16).toString('hex');
}

/** A `traceparent` header continuing `traceId` with a fresh span. */
export function traceparentFor(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}
