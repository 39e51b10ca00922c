import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyApp, createAgencyApp } from '../app/create.ts';
import { noteApp } from '../app/test-app.fixture.ts';
import type { AuditDatabase } from '../audit/table.ts';
import { createLogger } from '../log/logger.ts';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';

/**
 * Delegation: a service calls with its own token and the official's as
 * `x-egov-on-behalf-of`; the callee authorises on both and audits both.
 */
describe.each(databaseTargets())('delegation on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  const call = async (path: string, headers: Record<string, string>, mutation = false) => {
    const res = mutation
      ? await app.hono.request(`/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ text: 'delegated note' }),
        })
      : await app.hono.request(`/trpc/${path}`, { headers });
    return { status: res.status, body: (await res.json()) as { error?: { message: string } } };
  };
  const as = (service: string, official?: string) => ({
    authorization: `Bearer ${service}`,
    ...(official ? { 'x-egov-on-behalf-of': official } : {}),
  });

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_test'),
      verifyToken: identity.verifyToken,
      logger: createLogger({ name: 'kernel-test', level: 'silent' }),
    });
  });
  afterAll(() => dropFresh(app.database));

  it('lets a call through when the service and the official are both permitted, and audits actor and subject', async () => {
    const service = await identity.serviceToken({ app: 'golden-tax', permissions: ['kernel-test.note.*'] });
    const official = await identity.officialToken({
      permissions: ['kernel-test.note.read', 'kernel-test.note.create'],
      agency: 'sat',
      username: 'tax-officer',
    });
    expect((await call('notes.count', as(service, official))).status).toBe(200);
    const added = await call(
      'notes.add',
      { ...as(service, official), 'idempotency-key': 'delegation-test-1' },
      true,
    );
    expect(added.status).toBe(200);
    const records = await (app.database.db as Kysely<AuditDatabase>)
      .selectFrom('audit_record')
      .select(['procedure', 'actor', 'subject', 'actor_agency', 'outcome'])
      .orderBy('seq')
      .execute();
    expect(records).toEqual([
      {
        procedure: 'notes.count',
        actor: 'service:golden-tax',
        subject: 'official:tax-officer',
        actor_agency: 'sat',
        outcome: 'ok',
      },
      {
        procedure: 'notes.add',
        actor: 'service:golden-tax',
        subject: 'official:tax-officer',
        actor_agency: 'sat',
        outcome: 'ok',
      },
    ]);
  });

  it('refuses with FORBIDDEN when the service is permitted but the official is not', async () => {
    const service = await identity.serviceToken({
      app: 'golden-tax',
      permissions: ['kernel-test.note.read'],
    });
    const official = await identity.officialToken({
      permissions: ['kernel-test.other.read'],
      username: 'stranger',
    });
    const res = await call('notes.count', as(service, official));
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toContain('of the official on whose behalf the call is made');
  });

  it('refuses with FORBIDDEN when the official is permitted but the service is not', async () => {
    const service = await identity.serviceToken({ app: 'golden-tax', permissions: [] });
    const official = await identity.officialToken({ permissions: ['kernel-test.note.read'] });
    expect((await call('notes.count', as(service, official))).status).toBe(403);
  });

  it('refuses with UNAUTHORIZED an official token sent on behalf of someone by a non-service caller, or by nobody', async () => {
    const official = await identity.officialToken({ permissions: ['kernel-test.note.read'] });
    const byOfficial = await call('notes.count', as(official, official));
    expect(byOfficial.status).toBe(401);
    expect(byOfficial.body.error?.message).toBe('only a service may act on behalf of an official');
    expect((await call('notes.count', { 'x-egov-on-behalf-of': official })).status).toBe(401);
  });

  it('refuses with UNAUTHORIZED a service token in the on-behalf-of slot', async () => {
    const service = await identity.serviceToken({
      app: 'golden-tax',
      permissions: ['kernel-test.note.read'],
    });
    const res = await call('notes.count', as(service, service));
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toBe("on-behalf-of token must be an official's");
  });
});
