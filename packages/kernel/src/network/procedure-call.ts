import { randomUUID } from 'node:crypto';
import { DomainError, type DomainErrorCode } from '../errors/domain-error.ts';

const fromHttpStatus: Record<number, DomainErrorCode> = {
  400: 'INVALID',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

export interface CallOptions {
  type: 'query' | 'mutation';
  input?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * One untyped tRPC call over HTTP, for the kernel's own plumbing (token
 * endpoint, registry), where the kernel may not import an app's router type.
 * Failures come back as domain errors with the callee's message.
 */
export async function callProcedure<T>(baseUrl: string, path: string, options: CallOptions): Promise<T> {
  const url = new URL(`/trpc/${path}`, baseUrl);
  const init: RequestInit = {
    headers: { ...options.headers },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  };
  if (options.type === 'query') {
    if (options.input !== undefined) url.searchParams.set('input', JSON.stringify(options.input));
  } else {
    init.method = 'POST';
    // Every mutation between apps carries a key; this plumbing makes no retries, so a fresh one per call.
    init.headers = {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...options.headers,
    };
    init.body = JSON.stringify(options.input ?? null);
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new DomainError(
      timedOut ? 'TIMEOUT' : 'UNAVAILABLE',
      `${path} at ${url.origin} ${timedOut ? 'timed out' : 'is unreachable'}`,
    );
  }
  const body = (await res.json().catch(() => ({}))) as { result?: { data: T }; error?: { message?: string } };
  if (res.ok && body.result) return body.result.data;
  const code = fromHttpStatus[res.status] ?? 'UNAVAILABLE';
  throw new DomainError(code, body.error?.message ?? `${path} failed with HTTP ${res.status}`);
}
