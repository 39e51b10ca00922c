import type { MiddlewareHandler } from 'hono';

/**
 * Refuses a tRPC batch of more calls than allowed before any call runs: at
 * most `maxBatch` queries (GET) and `maxMutationBatch` mutations (POST) in
 * one request. 400, naming the rule; nothing is executed or written.
 *
 * @example
 * hono.use('/trpc/*', batchLimit({ maxBatch: 10, maxMutationBatch: 1 }));
 */
export function batchLimit(limits: { maxBatch: number; maxMutationBatch: number }): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.query('batch') === undefined) return next();
    const calls = c.req.path.slice('/trpc/'.length).split(',').length;
    const mutation = c.req.method !== 'GET';
    const max = mutation ? limits.maxMutationBatch : limits.maxBatch;
    if (calls <= max) return next();
    const message =
      max === 1
        ? `${mutation ? 'mutations' : 'queries'} are not batched: send each call in a request of its own (this batch has ${calls})`
        : `a batch holds at most ${max} ${mutation ? 'mutations' : 'queries'}; this one has ${calls}`;
    return c.json(
      {
        error: {
          message,
          code: -32600,
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            issues: [{ path: 'batch', rule: 'max_calls', message }],
          },
        },
      },
      400,
    );
  };
}
