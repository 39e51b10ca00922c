import type { MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One registry per app, so several apps in one process keep their series apart. */
export function createMetrics(app: string) {
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
    const route = routeOf(c.req.path);
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    duration.observe({ route }, (performance.now() - started) / 1000);
  };
  return { registry, middleware };
}

/** `/trpc/residents.get` keeps the procedure; anything else unknown collapses so labels stay bounded. */
function routeOf(path: string): string {
  if (path.startsWith('/trpc/')) {
    const procedure = path.slice(6);
    return /^[A-Za-z0-9.,]{1,200}$/.test(procedure) ? `/trpc/${procedure}` : '/trpc/(invalid)';
  }
  return ['/healthz', '/readyz', '/metrics'].includes(path) ? path : '(other)';
}
