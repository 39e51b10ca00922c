import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../db/index.ts';
import { DomainError } from '../errors/domain-error.ts';
import { databaseTargets } from '../testing/index.ts';
import { onEvent } from './consumer.ts';
import { CONSUMER, createHarness, log, PRODUCER, resident, residentDied } from './harness.fixture.ts';
import { startMessaging } from './messaging.ts';
import { publishEvent, publishEvents } from './outbox.ts';
import { appDatabases, closeApps, messagingMatrix } from './targets.fixture.ts';

afterAll(() => closeApps());

describe.each(messagingMatrix())('startMessaging on $name', (target) => {
  it('delivers with the loops running, and stops cleanly', async () => {
    const h = await createHarness(target, { subscribe: false });
    const producer = await startMessaging({
      db: h.producer.db,
      app: PRODUCER,
      transport: h.transport,
      log,
      relay: { pollMs: 20 },
    });
    const consumer = await startMessaging({
      db: h.consumer.db,
      app: CONSUMER,
      transport: h.transport,
      log,
      worker: { pollMs: 20 },
      handlers: [
        onEvent(residentDied, async (trx, p, e) => {
          await trx.insertInto('effect').values({ event_id: e.id, resident_id: p.residentId }).execute();
        }),
      ],
    });
    await h.producer.db
      .transaction()
      .execute((trx) =>
        producer.publish(trx, residentDied, { residentId: resident(7), diedOn: '2026-11-20' }),
      );
    producer.wake();
    await h.waitForEffects(1);
    expect(await h.effects()).toBe(1);
    await producer.stop();
    await consumer.stop();
    await h.dispose();
  });
});

describe.each(databaseTargets())('publishEvent on $name', (target) => {
  let database: AppDatabase<any>;
  beforeAll(async () => {
    database = (await appDatabases(target)).producer;
    await database.db.deleteFrom('outbox').execute();
  });

  it('refuses a payload that breaks the contract, naming the field, and writes nothing', async () => {
    const attempt = database.db
      .transaction()
      .execute((trx) =>
        publishEvent(
          trx,
          residentDied,
          { residentId: '123', diedOn: '2026-11-20' },
          { producer: 'golden-shield' },
        ),
      );
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID',
      details: { field: 'residentId', rule: 'invalid_format' },
    });
    expect(await database.db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
  });

  it('stores the parsed payload and the envelope fields', async () => {
    const occurredAt = new Date('2026-11-20T08:00:00.000Z');
    const envelope = await database.db
      .transaction()
      .execute((trx) =>
        publishEvent(
          trx,
          residentDied,
          { residentId: '11010519491231002X', diedOn: '2026-11-20', extra: 'dropped' } as never,
          { producer: 'golden-shield', traceId: 't1', correlationId: 'c1', occurredAt },
        ),
      );
    expect(envelope).toMatchObject({
      name: residentDied.name,
      occurredAt: occurredAt.toISOString(),
      traceId: 't1',
    });
    const row = await database.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', envelope.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      payload: { residentId: '11010519491231002X', diedOn: '2026-11-20' },
      correlation_id: 'c1',
    });
    expect(row.published_at).toBeNull();
  });

  it('publishes many events of one contract in one insert, all or none', async () => {
    const before = (await database.db.selectFrom('outbox').select('id').execute()).length;
    const payloads = [1, 2, 3].map((n) => ({
      residentId: `1101051949123100${n}X`.slice(-18),
      diedOn: '2026-11-20',
    }));
    const envelopes = await database.db
      .transaction()
      .execute((trx) =>
        publishEvents(trx, residentDied, payloads, { producer: 'golden-shield', traceId: 't2' }),
      );
    expect(new Set(envelopes.map((e) => e.id)).size).toBe(3);
    const rows = await database.db.selectFrom('outbox').selectAll().where('trace_id', '=', 't2').execute();
    expect(rows.map((r) => r.payload.residentId).sort()).toEqual(payloads.map((p) => p.residentId).sort());
    // One bad payload among good ones: an error naming it, and nothing written.
    const attempt = database.db.transaction().execute((trx) =>
      publishEvents(trx, residentDied, [payloads[0]!, { residentId: 'x', diedOn: '2026-11-20' }], {
        producer: 'golden-shield',
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID', details: { field: 'residentId' } });
    await expect(attempt).rejects.toThrow(/\(event 1\)/);
    expect((await database.db.selectFrom('outbox').select('id').execute()).length).toBe(before + 3);
  });
});
