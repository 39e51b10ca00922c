import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';
import { createLogger } from '../log/logger.ts';
import { generateSigningKey, signAccessToken } from '../identity/issuer.ts';
import { type AgencyApp, createAgencyApp } from './create.ts';
import { serveAgencyApp } from './serve.ts';
import { noteApp } from './test-app.fixture.ts';

async function call(
  app: AgencyApp<any>,
  path: string,
  opts: { type?: 'query' | 'mutation'; input?: unknown; token?: string; body?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token)
    headers.authorization =
      opts.token.startsWith('Bearer') || opts.token.includes(' ') ? opts.token : `Bearer ${opts.token}`;
  const res =
    (opts.type ?? 'query') === 'query'
      ? await app.hono.request(
          `/trpc/${path}${opts.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(opts.input))}`}`,
          { headers },
        )
      : await app.hono.request(`/trpc/${path}`, {
          method: 'POST',
          headers,
          body: opts.body ?? JSON.stringify(opts.input),
        });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(databaseTargets())('kernel app host on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  const lines: string[] = [];

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    const destination = new Writable({
      write: (chunk, _e, cb) => {
        lines.push(String(chunk));
        cb();
      },
    });
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_test'),
      verifyToken: identity.verifyToken,
      logger: createLogger({ name: 'kernel-test', level: 'info', destination }),
      bodyLimitBytes: 4096,
    });
  });
  afterAll(async () => {
    await dropFresh(app.database);
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await app.hono.request('/healthz')).status).toBe(200);
    const ready = await app.hono.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    await call(app, 'ping');
    // Served to loopback (and EGOV_METRICS_ALLOW) only: the socket is given as @hono/node-server gives it.
    const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
    const metrics = await (await app.hono.request('/metrics', {}, loopback)).text();
    expect(metrics).toContain(
      'egov_http_requests_total{method="GET",route="/trpc/ping",status="200",app="kernel-test"}',
    );
  });

  it('lets public procedures through without a token and gives each response a request id', async () => {
    const res = await app.hono.request('/trpc/ping');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
  });

  it('refuses a missing token with UNAUTHORIZED', async () => {
    const r = await call(app, 'notes.count');
    expect(r.status).toBe(401);
    expect(r.body.error.data.code).toBe('UNAUTHORIZED');
  });

  it('refuses malformed, wrongly signed and expired tokens with UNAUTHORIZED', async () => {
    const stranger = await generateSigningKey(identity.key.kid);
    const forged = await signAccessToken(
      stranger,
      {
        typ: 'official',
        sub: 'official:x',
        username: 'x',
        agency: 'a',
        roles: [],
        perms: ['kernel-test.note.read'],
      },
      { audience: 'egov', ttlSeconds: 60 },
    );
    const expired = await identity.officialToken({
      permissions: ['kernel-test.note.read'],
      ttlSeconds: 60,
      now: new Date(Date.now() - 3_600_000),
    });
    for (const token of ['not-a-jwt', 'Basic abc', forged, expired]) {
      const r = await call(app, 'notes.count', { token });
      expect(r.status, token.slice(0, 12)).toBe(401);
      expect(r.body.error.data.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a valid token without the permission with FORBIDDEN, naming the permission', async () => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.read'] });
    const r = await call(app, 'notes.add', { type: 'mutation', input: { text: 'x' }, token });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('kernel-test.note.create');
  });

  it('maps bad input to BAD_REQUEST naming the field and the rule, and writes nothing', async () => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.*'] });
    const before = (await call(app, 'notes.count', { token })).body.result.data;
    const empty = await call(app, 'notes.add', { type: 'mutation', input: { text: '' }, token });
    expect(empty.status).toBe(400);
    expect(empty.body.error.data.issues).toEqual([
      expect.objectContaining({ path: 'text', rule: 'too_small' }),
    ]);
    const unknown = await call(app, 'notes.add', {
      type: 'mutation',
      input: { text: 'a', agencyId: 'x' },
      token,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.data.issues[0]).toMatchObject({ rule: 'unknown_field' });
    const missing = await call(app, 'notes.add', { type: 'mutation', input: {}, token });
    expect(missing.body.error.data.issues[0]).toMatchObject({ path: 'text', rule: 'required' });
    expect((await call(app, 'notes.count', { token })).body.result.data).toBe(before);
  });

  it('maps domain errors once and hides internal errors', async () => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.create'] });
    const conflict = await call(app, 'notes.fail', { type: 'mutation', token });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.data.issues[0]).toMatchObject({ path: 'id', rule: 'locked' });
    const crash = await call(app, 'notes.crash', { type: 'mutation', token });
    expect(crash.status).toBe(500);
    expect(crash.body.error.message).toBe('internal error');
    expect(JSON.stringify(crash.body)).not.toContain('secret internal detail');
  });

  it('refuses an oversized body with 413 before it reaches a procedure', async () => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.create'] });
    const r = await call(app, 'notes.add', {
      type: 'mutation',
      token,
      body: JSON.stringify({ text: 'x'.repeat(10_000) }),
    });
    expect(r.status).toBe(413);
    expect(r.body.error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('writes JSON logs without tokens or full resident IDs', async () => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.create'] });
    await call(app, 'notes.add', {
      type: 'mutation',
      token,
      input: { text: 'hello', residentId: '11010519491231002X' },
    });
    app.log.info(
      { residentId: '11010519491231002X', authorization: `Bearer ${token}` },
      'person 11010519491231002X seen',
    );
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(all).not.toContain(token);
    expect(all).not.toContain('11010519491231002X');
    expect(all).toContain('110***********002X');
  });
});

describe('graceful shutdown', () => {
  it('drains an in-flight request, then closes the database', async () => {
    const [target] = databaseTargets();
    const identity = await testIdentity('kernel-test');
    const app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target!, 'kernel_drain'),
      verifyToken: identity.verifyToken,
      logger: createLogger({ name: 'kernel-test', level: 'silent' }),
    });
    const serving = await serveAgencyApp(app, { port: 0 });
    const inflight = fetch(`${serving.url}/trpc/notes.slow`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const stopped = serving.stop();
    expect(await inflight).toMatchObject({ result: { data: 'done' } });
    await stopped;
    await expect(fetch(`${serving.url}/healthz`)).rejects.toThrow();
    await expect(app.database.ping()).rejects.toThrow();
  });
});
