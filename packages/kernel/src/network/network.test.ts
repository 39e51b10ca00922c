import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyApp } from '../app/create.ts';
import { defineAgencyApp } from '../app/define.ts';
import { type ServingApp, serveAgencyApp } from '../app/serve.ts';
import { noteApp } from '../app/test-app.fixture.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Zone } from '../identity/principal.ts';
import { createTokenVerifier } from '../identity/verifier.ts';
import { databaseTargets, freshDatabase, silentLogger, testIdentity } from '../testing/index.ts';
import { remoteDomainError } from '../trpc/remote-error.ts';
import { createNetwork } from './connect.ts';
import type { Registration, RegistryClient } from './registry-client.ts';

type NoteRouter = typeof noteApp.router;

/** A registry held in memory: the platform's registry is tested in the platform. */
function memoryRegistry(entries: Registration[]): RegistryClient {
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    register: async (r) => void byName.set(r.name, r),
    resolve: async (name) => {
      const found = byName.get(name);
      if (!found) throw new DomainError('NOT_FOUND', `no service named ${name} is registered`);
      return found;
    },
    forget: () => {},
  };
}

describe.each(databaseTargets())('the unified network client on $name', (target) => {
  const served: ServingApp[] = [];
  const apps: Awaited<ReturnType<typeof createAgencyApp<any>>>[] = [];
  let registry: RegistryClient;
  let identity: Awaited<ReturnType<typeof testIdentity>>;
  let flaky: ReturnType<typeof serve>;
  let dropped = 0;
  const networkOf = (name: string, zone: Zone, breaker?: { threshold: number; cooldownMs: number }) =>
    createNetwork({
      self: { name, zone },
      registry,
      tokens: {
        // The flaky proxy fronts kernel-internal, so its tokens are for kernel-internal.
        get: (audience) =>
          identity.serviceToken({
            app: name,
            zone,
            permissions: ['kernel-test.note.*'],
            audience: audience === 'kernel-flaky' ? 'kernel-internal' : audience,
          }),
      },
      retryBaseMs: 5,
      ...(breaker ? { breaker } : {}),
    });
  const notes = async (i: number) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(`${apps[i]!.database.schema}.note`)}`.execute(
          apps[i]!.database.db,
        )
      ).rows[0]!.n,
    );
  const auditOf = async (i: number) =>
    (
      await sql<any>`select * from ${sql.table(`${apps[i]!.database.schema}.audit_record`)} order by seq`.execute(
        apps[i]!.database.db,
      )
    ).rows;

  beforeAll(async () => {
    identity = await testIdentity('unused');
    const start = async (name: string, zone: Zone) => {
      const definition = defineAgencyApp({ ...noteApp, name, zone });
      const verifyToken = createTokenVerifier({
        keys: { jwks: { keys: [identity.key.publicJwk] } },
        audience: name,
      });
      const app = await createAgencyApp(definition, {
        database: await freshDatabase(target, name.replace(/-/g, '_')),
        verifyToken,
        logger: silentLogger(),
      });
      apps.push(app);
      const s = await serveAgencyApp(app, { port: 0 });
      served.push(s);
      return s.url;
    };
    const internalUrl = await start('kernel-internal', 'internal');
    const externalUrl = await start('kernel-external', 'external');
    // A proxy to the internal app that loses the first answer to each mutation: the client must retry with the same key.
    const seen = new Set<string>();
    const proxy = new Hono().all('*', async (c) => {
      const res = await fetch(new URL(c.req.path, internalUrl), {
        method: c.req.method,
        headers: c.req.raw.headers,
        body: c.req.method === 'POST' ? await c.req.text() : undefined,
      });
      const key = c.req.header('idempotency-key');
      if (key && !seen.has(key)) {
        seen.add(key);
        dropped += 1;
        return c.json(
          {
            error: {
              message: 'gateway lost the answer',
              code: -32603,
              data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
            },
          },
          503,
        );
      }
      return res;
    });
    flaky = await new Promise((resolve) => {
      const s = serve({ fetch: proxy.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    registry = memoryRegistry([
      { name: 'kernel-internal', zone: 'internal', baseUrl: internalUrl, version: '1' },
      { name: 'kernel-external', zone: 'external', baseUrl: externalUrl, version: '1' },
      {
        name: 'kernel-flaky',
        zone: 'internal',
        baseUrl: `http://127.0.0.1:${(flaky.address() as { port: number }).port}`,
        version: '1',
      },
      { name: 'kernel-down', zone: 'internal', baseUrl: 'http://127.0.0.1:9', version: '1' },
    ]);
  });
  afterAll(async () => {
    flaky.close();
    for (const a of apps) await a.database.dropSchema();
    for (const s of served) await s.stop();
  });

  it('resolves the target by name and calls it with the service identity; both sides are audited', async () => {
    const client = networkOf('golden-tax', 'internal').connect<NoteRouter>('kernel-internal', {
      traceId: 'ab'.repeat(16),
    });
    const { id } = await client.notes.add.mutate({ text: 'across agencies' });
    expect(id).toBeGreaterThan(0);
    const last = (await auditOf(0)).at(-1);
    expect(last).toMatchObject({
      actor: 'service:golden-tax',
      procedure: 'notes.add',
      trace_id: 'ab'.repeat(16),
      outcome: 'ok',
    });
  });

  it('retries a keyed mutation whose answer was lost, and the callee acts once', async () => {
    const before = await notes(0);
    const client = networkOf('golden-tax', 'internal').connect<NoteRouter>('kernel-flaky');
    const first = await client.notes.add.mutate({ text: 'exactly once' });
    expect(dropped).toBe(1);
    expect(await notes(0)).toBe(before + 1);
    expect(first.id).toBeGreaterThan(0);
  });

  it('refuses internal to external in the client, before anything is sent', async () => {
    const before = (await auditOf(1)).length;
    const client = networkOf('golden-tax', 'internal').connect<NoteRouter>('kernel-external');
    const error = await client.notes.add.mutate({ text: 'x' }).catch((e) => e);
    expect(remoteDomainError(error)?.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/internal zone may not call the external zone/);
    expect((await auditOf(1)).length).toBe(before);
  });

  it('refuses external to internal in the server too, and records the refusal', async () => {
    const token = await identity.serviceToken({
      app: 'social-portal',
      zone: 'external',
      permissions: ['kernel-test.note.*'],
      audience: 'kernel-internal',
    });
    const res = await fetch(`${served[0]!.url}/trpc/notes.add`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': 'zone-test-0001',
      },
      body: JSON.stringify({ text: 'x' }),
    });
    expect(res.status).toBe(403);
    expect((await auditOf(0)).at(-1)).toMatchObject({
      kind: 'authorization',
      outcome: 'refused',
      error_code: 'FORBIDDEN',
    });
  });

  it('lets the public zone reach only procedures marked public', async () => {
    const token = await identity.serviceToken({
      app: 'portal',
      zone: 'public',
      permissions: ['kernel-test.note.*'],
      audience: 'kernel-internal',
    });
    const call = (path: string) =>
      fetch(`${served[0]!.url}/trpc/${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call('ping')).status).toBe(200);
    expect((await call('notes.count')).status).toBe(403);
  });

  it('gives typed errors: unknown services, refusals from the callee', async () => {
    const net = networkOf('golden-tax', 'internal');
    const unknown = await net
      .connect<NoteRouter>('golden-nowhere')
      .ping.query()
      .catch((e) => e);
    expect(remoteDomainError(unknown)?.code).toBe('NOT_FOUND');
    const refused = await net
      .connect<NoteRouter>('kernel-internal')
      .notes.fail.mutate()
      .catch((e) => e);
    expect(remoteDomainError(refused)).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'id', rule: 'locked' },
    });
  });

  it('opens the circuit for a target that keeps failing, then fails fast', async () => {
    const client = networkOf('golden-tax', 'internal', {
      threshold: 2,
      cooldownMs: 60_000,
    }).connect<NoteRouter>('kernel-down');
    await client.ping.query().catch(() => {});
    const fast = await client.ping.query().catch((e) => e);
    expect(remoteDomainError(fast)?.code).toBe('UNAVAILABLE');
    expect(fast.message).toMatch(/circuit open for kernel-down/);
  });

  it('times out a slow call', async () => {
    const client = networkOf('golden-tax', 'internal').connect<NoteRouter>('kernel-internal', {
      timeoutMs: 50,
      attempts: 1,
    });
    const error = await client.notes.slow.query().catch((e) => e);
    expect(error.message).toMatch(/timeout|aborted/i);
  });
});
