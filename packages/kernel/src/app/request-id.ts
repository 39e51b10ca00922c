import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Made by the server for every request. */
    requestId: string;
    /** The client's own `X-Request-Id`, when it is a plausible id. */
    correlationId: string | undefined;
  }
}

/** What a client's id may look like to be kept: no spaces, markup or control characters, at most 64. */
const correlationPattern = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Every request gets an id made here; a client's `X-Request-Id` never
 * becomes ours (it would go into the audit record as sent). A well-formed one
 * is kept apart as the correlation id (logs, `x-correlation-id`); anything
 * else is dropped.
 *
 * @example
 * hono.use('*', requestIds());
 * hono.get('/', (c) => c.text(c.get('requestId')));
 */
export function requestIds(): MiddlewareHandler {
  return async (c, next) => {
    c.set('requestId', randomUUID());
    const given = c.req.header('x-request-id');
    c.set('correlationId', given && correlationPattern.test(given) ? given : undefined);
    await next();
  };
}

/**
 * Sets a header on whatever response goes out: on its headers directly where
 * they are mutable (tRPC builds its own Response, and `c.header` on a finished
 * response rebuilds it), through `c.header` where they are not.
 */
export function setHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
