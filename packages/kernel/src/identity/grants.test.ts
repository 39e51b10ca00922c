import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyApp, createAgencyApp } from '../app/create.ts';
import { noteApp } from '../app/test-app.fixture.ts';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';
import { createGrantVerifier, signGrant } from './grants.ts';
import { generateSigningKey } from './issuer.ts';

describe.each(databaseTargets())('catalog grants checked by the owner app on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  let tax: string;
  const grant = (
    over: Partial<Parameters<typeof signGrant>[1]> = {},
    expiresAt = new Date(Date.now() + 60_000),
    key = identity.key,
  ) =>
    signGrant(
      key,
      {
        typ: 'grant',
        gid: 'G-1',
        sub: 'service:golden-tax',
        res: 'KT-NOTES-001',
        procs: ['notes.shared'],
        purpose: 'tax registration checks',
        ...over,
      },
      { owner: 'kernel-test', expiresAt },
    );
  const call = async (path: string, grantToken?: string) => {
    const res = await app.hono.request(`/trpc/${path}`, {
      headers: { authorization: `Bearer ${tax}`, ...(grantToken ? { 'x-egov-grant': grantToken } : {}) },
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_grants'),
      verifyToken: identity.verifyToken,
      verifyGrant: createGrantVerifier({
        keys: { jwks: { keys: [identity.key.publicJwk] } },
        audience: 'kernel-test',
      }),
      logger: silentLogger(),
    });
    tax = await identity.serviceToken({ app: 'golden-tax', permissions: ['kernel-test.note.read'] });
  });
  afterAll(async () => {
    await dropFresh(app.database);
  });

  it('serves a conditional resource to another app only with a grant for it, and records the grant', async () => {
    expect((await call('notes.shared')).body.error.data.issues[0]).toMatchObject({
      path: 'x-egov-grant',
      rule: 'grant_required',
    });
    const ok = await call('notes.shared', await grant());
    expect(ok.status).toBe(200);
    const [last] = await app.database.db
      .selectFrom('audit_record' as any)
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    expect((last as any).object_ids).toContain('grant:G-1');
  });

  it('refuses expired, forged and out-of-scope grants', async () => {
    const expired = await call('notes.shared', await grant({}, new Date(Date.now() - 1_000)));
    expect(expired.body.error.data.issues[0]).toMatchObject({ rule: 'expired' });
    const forged = await call(
      'notes.shared',
      await grant({}, undefined, await generateSigningKey(identity.key.kid)),
    );
    expect(forged.status).toBe(403);
    expect(
      (await call('notes.shared', await grant({ sub: 'service:golden-customs' }))).body.error.data.issues[0],
    ).toMatchObject({ rule: 'grant_scope' });
    expect((await call('notes.shared', await grant({ res: 'OTHER' }))).status).toBe(403);
  });

  it('never serves a resource that is not shared, whatever is presented', async () => {
    const r = await call('notes.secret', await grant({ procs: ['notes.secret'] }));
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/not shared/);
  });
});
