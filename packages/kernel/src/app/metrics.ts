import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { inList, parseAddressList } from './client-address.ts';

/**
 * One registry per app, so several apps in one process keep their series apart.
 * `procedures` are the router's paths: only they become label values, so a
 * client cannot grow the series by calling made-up paths.
 */
export function createMetrics(app: string, procedures: Iterable<string>) {
  const known = new Set(procedures);
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'egov_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'egov_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    const route = routeOf(c.req.path, known);
    const method = ['GET', 'POST', 'HEAD'].includes(c.req.method) ? c.req.method : 'other';
    requests.inc({ method, route, status: String(c.res.status) });
    duration.observe({ route }, (performance.now() - started) / 1000);
  };
  return { registry, middleware };
}

/**
 * `/trpc/residents.get` keeps a known procedure; a batch of known procedures
 * is `/trpc/(batch)`; every other path under `/trpc/` is `/trpc/(unknown)`,
 * and anything else outside the host's own routes `(other)`: a bounded set.
 */
export function routeOf(path: string, known: Set<string>): string {
  if (path.startsWith('/trpc/')) {
    const procedure = path.slice(6);
    if (known.has(procedure)) return path;
    const parts = procedure.split(',');
    return parts.length > 1 && parts.every((p) => known.has(p)) ? '/trpc/(batch)' : '/trpc/(unknown)';
  }
  return ['/healthz', '/readyz', '/metrics'].includes(path) ? path : '(other)';
}

/**
 * Who may read `/metrics`: a source in `allow` (loopback by default), or any
 * caller presenting the configured bearer token. Everyone else gets 403.
 *
 * @example
 * const mayRead = metricsAccess({ allow: ['127.0.0.0/8', '::1'], token: process.env.EGOV_METRICS_TOKEN });
 * if (!mayRead(c, clientIp)) return c.json({ error: 'forbidden' }, 403);
 */
export function metricsAccess(options: { allow: string[]; token: string | undefined }) {
  const allow = parseAddressList(options.allow, 'EGOV_METRICS_ALLOW');
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  return (c: Context, source: string | undefined): boolean => {
    if (source && inList(allow, source)) return true;
    const given = Buffer.from(c.req.header('authorization') ?? '');
    return expected !== undefined && given.length === expected.length && timingSafeEqual(given, expected);
  };
}
