import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../messaging/in-process.ts';
import type { Transport } from '../messaging/transport.ts';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';
import { type AgencyApp, createAgencyApp } from './create.ts';
import { noteApp } from './test-app.fixture.ts';

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(databaseTargets())('events through the app host on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  let transport: Transport;
  const echoes = async () =>
    (
      await sql<{
        note_id: number;
      }>`select note_id from ${sql.table(`${app.database.schema}.note_echo`)} order by note_id`.execute(
        app.database.db,
      )
    ).rows.map((r) => r.note_id);
  const post = async (path: string, body: unknown) => {
    const token = await identity.officialToken({ permissions: ['kernel-test.note.*'] });
    return app.hono.request(`/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  };

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    transport = createInProcessTransport();
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_events'),
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
      transport,
      messaging: { relay: { pollMs: 20 }, worker: { pollMs: 20 } },
    });
  });
  afterAll(async () => {
    await app.close().catch(() => {});
    await transport.close();
    await dropFresh(app.database).catch(() => {});
  });

  it('delivers an event published by a committed mutation to its subscriber, once', async () => {
    const res = await post('notes.add', { text: 'hello' });
    const { result } = (await res.json()) as { result: { data: { id: number } } };
    expect(await eventually(echoes, (e) => e.includes(result.data.id))).toContain(result.data.id);
  });

  it('never delivers an event whose mutation rolled back', async () => {
    const before = await echoes();
    expect((await post('notes.addThenFail', null)).status).toBe(409);
    await post('notes.add', { text: 'after' }); // a later event arrives, so the doomed one would have too
    const after = await eventually(echoes, (e) => e.length > before.length);
    expect(after.length).toBe(before.length + 1);
  });
});
