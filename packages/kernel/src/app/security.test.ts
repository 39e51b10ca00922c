import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryFromRow } from '../audit/append.ts';
import { canonicalBytes } from '../audit/record.ts';
import type { AuditDatabase } from '../audit/table.ts';
import type { HostLimitsOverride } from './host-config.ts';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';
import { addressResolver } from './client-address.ts';
import { type AgencyApp, createAgencyApp } from './create.ts';
import { noteApp } from './test-app.fixture.ts';

/** What `@hono/node-server` hands a request: the socket it came in on. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

interface Sent {
  path: string;
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  source?: string;
}

async function send(app: AgencyApp<any>, sent: Sent) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...sent.headers };
  if (sent.token) headers.authorization = `Bearer ${sent.token}`;
  return app.hono.request(
    sent.path,
    {
      method: sent.method ?? 'GET',
      headers,
      ...(sent.body === undefined ? {} : { body: JSON.stringify(sent.body) }),
    },
    sent.source ? from(sent.source) : undefined,
  );
}

describe.each(databaseTargets())('kernel host hardening on $name', (target) => {
  let identity: TestIdentity;
  const apps: AgencyApp<any>[] = [];
  const boot = async (limits: HostLimitsOverride = {}, database?: AgencyApp<any>['database']) => {
    const app = await createAgencyApp(noteApp, {
      database: database ?? (await freshDatabase(target, 'kernel_sec')),
      verifyToken: identity.verifyToken,
      logger: silentLogger('kernel-test'),
      limits,
    });
    apps.push(app);
    return app;
  };
  const audit = (app: AgencyApp<any>) =>
    (app.database.db as unknown as Kysely<AuditDatabase>)
      .selectFrom('audit_record')
      .selectAll()
      .orderBy('seq')
      .execute();

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
  });
  afterAll(async () => {
    const databases = new Set(apps.map((a) => a.database));
    for (const db of databases) await dropFresh(db);
  });

  it('sends nosniff on every response, no-store on /trpc, and its own request id whatever the client sent', async () => {
    const app = await boot();
    const token = await identity.officialToken({ permissions: ['kernel-test.note.create'] });
    const responses = [
      await send(app, { path: '/healthz' }),
      await send(app, { path: '/no-such-page' }),
      await send(app, { path: '/trpc/ping' }),
      await send(app, { path: '/trpc/notes.fail', method: 'POST', token, body: {} }),
      await send(app, {
        path: '/trpc/notes.add',
        method: 'POST',
        token,
        body: { text: 'x'.repeat(2_000_000) },
      }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 200, 409, 413]);
    for (const res of responses) expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const res of responses.slice(2)) expect(res.headers.get('cache-control')).toBe('no-store');

    const kept = await send(app, { path: '/trpc/ping', headers: { 'x-request-id': 'client-trace.42' } });
    expect(kept.headers.get('x-request-id')).not.toBe('client-trace.42');
    expect(kept.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept.headers.get('x-correlation-id')).toBe('client-trace.42');
    const dropped = await send(app, {
      path: '/trpc/notes.fail',
      method: 'POST',
      token,
      body: {},
      headers: { 'x-request-id': '<script>alert(1)</script>' },
    });
    expect(dropped.headers.get('x-correlation-id')).toBeNull();
    const record = (await audit(app)).at(-1)!;
    expect(record.request_id).toBe(dropped.headers.get('x-request-id'));
    expect(record.correlation_id).toBeNull();
    // A well-formed client id is kept in the audit record too, beside the server's, and in its leaf.
    const correlated = await send(app, {
      path: '/trpc/notes.fail',
      method: 'POST',
      token,
      body: {},
      headers: { 'x-request-id': 'agency-b:case.7' },
    });
    const latest = (await audit(app)).at(-1)!;
    expect(latest).toMatchObject({
      request_id: correlated.headers.get('x-request-id'),
      correlation_id: 'agency-b:case.7',
    });
    const entry = entryFromRow(latest);
    expect(JSON.parse(canonicalBytes(entry).toString()).slice(12)).toEqual([
      latest.request_id,
      'agency-b:case.7',
    ]);
    expect(JSON.parse(canonicalBytes(entryFromRow(record)).toString())).toHaveLength(13);
  });

  it('records refusals with the authenticated caller and the socket address, not what the client wrote', async () => {
    const app = await boot();
    const token = await identity.officialToken({
      permissions: ['kernel-test.note.read'],
      agency: 'agency-a',
      username: 'reader',
    });
    const refused = await send(app, {
      path: '/trpc/notes.add',
      method: 'POST',
      token,
      body: { text: 'nope' },
      source: '::ffff:198.51.100.4',
      headers: { 'x-forwarded-for': '<b>1.2.3.4</b>' },
    });
    expect(refused.status).toBe(403);
    const bad = await send(app, { path: '/trpc/notes.count', token: 'not-a-jwt', source: '198.51.100.5' });
    expect(bad.status).toBe(401);
    const [authorization, authentication] = (await audit(app)).slice(-2);
    expect(authorization).toMatchObject({
      kind: 'authorization',
      outcome: 'refused',
      actor: 'official:reader',
      actor_agency: 'agency-a',
      source_address: '198.51.100.4',
    });
    expect(authentication).toMatchObject({
      kind: 'authentication',
      actor: 'anonymous',
      source_address: '198.51.100.5',
    });
  });

  it('believes X-Forwarded-For only from trusted proxies, and only valid IPs in it', () => {
    const resolve = addressResolver(['10.0.0.0/8', '2001:db8::/32']);
    expect(resolve('10.0.0.5', '203.0.113.9, 10.0.0.7')).toBe('203.0.113.9');
    expect(resolve('2001:db8::1', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolve('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    expect(resolve('10.0.0.5', '203.0.113.9, <script>')).toBe('10.0.0.5');
    expect(resolve('10.0.0.5', 'evil, 10.0.0.9')).toBe('10.0.0.9');
    expect(resolve('::ffff:10.0.0.5', '2001:DB8::2, 192.0.2.1')).toBe('192.0.2.1');
    expect(resolve(undefined, '203.0.113.9')).toBeUndefined();
    expect(addressResolver([])('10.0.0.5', '203.0.113.9')).toBe('10.0.0.5');
    expect(() => addressResolver(['10.0.0.0/33'])).toThrow('EGOV_TRUSTED_PROXIES: "10.0.0.0/33"');
    expect(() => addressResolver(['proxy.internal'])).toThrow('is not an IP address or CIDR range');
  });

  it('takes the source from a trusted proxy in the running host', async () => {
    const app = await boot({ trustedProxies: ['10.0.0.0/8'] });
    const token = await identity.officialToken({ permissions: [] });
    await send(app, {
      path: '/trpc/notes.count',
      token,
      source: '10.1.1.1',
      headers: { 'x-forwarded-for': '203.0.113.50' },
    });
    expect((await audit(app)).at(-1)).toMatchObject({
      source_address: '203.0.113.50',
      actor: 'official:tester',
    });
  });

  it('labels metrics with known procedures only and serves them to loopback or with the token', async () => {
    const app = await boot({ metrics: { token: 'metrics-token-0123456789' } });
    const loopback = '127.0.0.1';
    const series = async () => {
      const text = await (await send(app, { path: '/metrics', source: loopback })).text();
      return text.split('\n').filter((l) => l.startsWith('egov_http_requests_total{'));
    };
    await send(app, { path: '/trpc/ping' });
    await send(app, { path: '/trpc/ping,notes.slow?batch=1&input={}' });
    await series(); // the scrape itself is a series of its own
    const before = (await series()).length;
    for (let i = 0; i < 50; i++) await send(app, { path: `/trpc/random${i}.${'x'.repeat(i)}` });
    const after = await series();
    expect(after.length - before).toBeLessThanOrEqual(1);
    expect(after.join('\n')).toContain('route="/trpc/(unknown)"');
    expect(after.join('\n')).toContain('route="/trpc/ping"');
    expect(after.join('\n')).toContain('route="/trpc/(batch)"');
    expect(after.join('\n')).not.toContain('random');

    expect((await send(app, { path: '/metrics', source: '203.0.113.9' })).status).toBe(403);
    expect((await send(app, { path: '/metrics' })).status).toBe(403);
    const withToken = await send(app, {
      path: '/metrics',
      source: '203.0.113.9',
      headers: { authorization: 'Bearer metrics-token-0123456789' },
    });
    expect(withToken.status).toBe(200);
    const wrongToken = await send(app, {
      path: '/metrics',
      source: '203.0.113.9',
      headers: { authorization: 'Bearer metrics-token-0123456780' },
    });
    expect(wrongToken.status).toBe(403);
  });

  it('refuses batches over the limit before any call runs, and mutations are not batched', async () => {
    const app = await boot();
    const token = await identity.officialToken({ permissions: ['kernel-test.note.*'] });
    const count = async () => {
      const res = await send(app, { path: '/trpc/notes.count', token });
      return ((await res.json()) as { result: { data: number } }).result.data;
    };
    const notes = await count();
    const ten = Array.from({ length: 10 }, () => 'ping').join(',');
    expect((await send(app, { path: `/trpc/${ten}?batch=1` })).status).toBe(200);
    const eleven = await send(app, { path: `/trpc/${ten},ping?batch=1` });
    expect(eleven.status).toBe(400);
    const body = (await eleven.json()) as { error: { message: string; data: { issues: unknown[] } } };
    expect(body.error.message).toBe('a batch holds at most 10 queries; this one has 11');
    expect(body.error.data.issues).toEqual([expect.objectContaining({ path: 'batch', rule: 'max_calls' })]);
    const two = await send(app, {
      path: '/trpc/notes.add,notes.add?batch=1',
      method: 'POST',
      token,
      body: { 0: { text: 'a' }, 1: { text: 'b' } },
    });
    expect(two.status).toBe(400);
    expect(((await two.json()) as { error: { message: string } }).error.message).toMatch(
      /^mutations are not batched/,
    );
    expect(await count()).toBe(notes);
  });

  it('counts every call against the rate limit: one per request, in a batch, in parallel, and across hosts of one database', async () => {
    const limits = { rate: { perSource: 6, perAccount: 0 }, maxBatch: 10 };
    const first = await boot(limits);
    const source = '203.0.113.77';
    const ping = (app: AgencyApp<any>, path = '/trpc/ping') => send(app, { path, source });
    // One per request.
    for (let i = 0; i < 3; i++) expect((await ping(first)).status).toBe(200);
    // A second host (another process, another replica) on the same database shares the count.
    const second = await boot(limits, first.database);
    expect((await ping(second)).status).toBe(200);
    // A batch of 4 queries: the 5th and 6th calls pass, the 7th and 8th are refused inside the batch.
    const batch = await ping(second, '/trpc/ping,ping,ping,ping?batch=1');
    const answers = (await batch.json()) as { error?: { message: string; data: { httpStatus: number } } }[];
    expect(answers.map((a) => a.error?.data.httpStatus ?? 200).sort()).toEqual([200, 200, 429, 429]);
    expect(answers.find((a) => a.error)?.error?.message).toMatch(
      /^rate limit: at most 6 calls from this source address per 60 s; try again in \d+ s$/,
    );
    // In parallel: all refused now; another source is not affected.
    const parallel = await Promise.all(Array.from({ length: 5 }, () => ping(first)));
    expect(parallel.map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
    expect((await send(first, { path: '/trpc/ping', source: '203.0.113.78' })).status).toBe(200);
    // Seven refusals, one audit record: the first of the bucket's window says who hit which limit.
    const limited = (await audit(first)).filter((r) => r.error_code === 'RATE_LIMITED');
    expect(limited).toEqual([
      expect.objectContaining({
        kind: 'authorization',
        outcome: 'refused',
        procedure: 'ping',
        source_address: source,
        actor: 'anonymous',
      }),
    ]);
  });

  it('limits calls per official account whatever the source, and never other apps', async () => {
    const app = await boot({ rate: { perSource: 0, perAccount: 3 } });
    const official = await identity.officialToken({
      permissions: ['kernel-test.note.read'],
      username: 'busy',
    });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await send(app, { path: '/trpc/notes.count', token: official, source: `192.0.2.${i}` })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(
      (await send(app, { path: '/trpc/notes.count', token: official, source: '192.0.2.9' })).status,
    ).toBe(429);
    const limited = (await audit(app)).filter((r) => r.error_code === 'RATE_LIMITED');
    expect(limited.map((r) => [r.actor, r.source_address, r.procedure])).toEqual([
      [expect.stringMatching(/^official:/), '192.0.2.3', 'notes.count'],
    ]);
    const service = await identity.serviceToken({ app: 'other-app', permissions: ['kernel-test.note.read'] });
    for (let i = 0; i < 5; i++)
      expect((await send(app, { path: '/trpc/notes.count', token: service })).status).toBe(200);
  });
});
