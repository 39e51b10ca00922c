import { sql } from 'kysely';
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

describe.each(databaseTargets())('idempotency keys on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  let service: string;
  let other: string;
  let official: string;
  const notes = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(`${app.database.schema}.note`)}`.execute(
          app.database.db,
        )
      ).rows[0]!.n,
    );
  const add = (token: string, body: unknown, key?: string) =>
    app.hono.request('/trpc/notes.add', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_idem'),
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
    });
    service = await identity.serviceToken({ app: 'golden-tax', permissions: ['kernel-test.note.*'] });
    other = await identity.serviceToken({ app: 'golden-customs', permissions: ['kernel-test.note.*'] });
    official = await identity.officialToken({ permissions: ['kernel-test.note.*'] });
  });
  afterAll(async () => {
    await dropFresh(app.database);
  });

  it('returns the first result for a repeated key, with no second effect', async () => {
    const before = await notes();
    const first = await (await add(service, { text: 'pay once' }, 'key-00000001')).json();
    const second = await (await add(service, { text: 'pay once' }, 'key-00000001')).json();
    expect(second).toEqual(first);
    expect(await notes()).toBe(before + 1);
  });

  it('gives concurrent repeats of one key one effect and one answer', async () => {
    const before = await notes();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        Promise.resolve(add(service, { text: 'race' }, 'key-race-0001')).then((r) => r.json()),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await notes()).toBe(before + 1);
  });

  it('refuses a key reused for a different request', async () => {
    await add(service, { text: 'one' }, 'key-reuse-0001');
    const res = await add(service, { text: 'two' }, 'key-reuse-0001');
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error.data.issues[0]).toMatchObject({
      path: 'idempotency-key',
      rule: 'reused',
    });
  });

  it('keeps callers apart: the same key from two callers is two requests', async () => {
    const before = await notes();
    await add(other, { text: 'mine' }, 'key-shared-001');
    await add(service, { text: 'mine' }, 'key-shared-001');
    expect(await notes()).toBe(before + 2);
  });

  it('requires a key on mutations from other services, and checks its shape', async () => {
    const missing = await add(service, { text: 'x' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).error.data.issues[0]).toMatchObject({
      path: 'idempotency-key',
      rule: 'required',
    });
    expect((await add(service, { text: 'x' }, 'bad key!')).status).toBe(400);
  });

  it("does not store or replay officials' own calls (their results may hold tokens)", async () => {
    const before = await notes();
    await add(official, { text: 'twice' }, 'key-official-01');
    await add(official, { text: 'twice' }, 'key-official-01');
    expect(await notes()).toBe(before + 2);
  });
});
