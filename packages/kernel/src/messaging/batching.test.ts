import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onEvent } from './consumer.ts';
import { defineEvent, type EventEnvelope, newEventId } from './contract.ts';
import {
  CONSUMER,
  createHarness,
  type Harness,
  log,
  PRODUCER,
  resident,
  residentDied,
} from './harness.fixture.ts';
import { startMessaging } from './messaging.ts';
import { processInboxEvent } from './process-event.ts';
import { createRelay } from './relay.ts';
import { closeApps, messagingMatrix } from './targets.fixture.ts';
import type { Transport } from './transport.ts';

afterAll(() => closeApps());

const statusOf = async (h: Harness, id: string) => (await h.inbox()).find((r) => r.event_id === id);

const envelope = (n: number): EventEnvelope => ({
  id: newEventId(),
  name: residentDied.name,
  payload: { residentId: resident(n), diedOn: '2026-11-20' },
  occurredAt: new Date().toISOString(),
  producer: PRODUCER,
});

describe.each(messagingMatrix())('batching on $name', (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(() => h.dispose());

  it('handles a batch in one go; a throwing handler and one that aborts the transaction cost only their own events', async () => {
    h.failFor.add(resident(1));
    h.swallowFor.add(resident(3));
    const sent = [];
    for (let n = 1; n <= 5; n++) sent.push(await h.publish(n));
    await h.pump(5);
    // Handled: 2, 4, 5. Rolled back: 1 (threw after its insert) and 3 (its transaction broke).
    expect(await h.effects()).toBe(3);
    const [one, two, three, four, five] = await Promise.all(sent.map((e) => statusOf(h, e.id)));
    for (const row of [two, four, five]) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    expect(one).toMatchObject({ status: 'pending', attempts: 1 });
    expect(one.last_error).toContain('pension service refused');
    expect(three).toMatchObject({ status: 'pending', attempts: 1 });
    expect(three.last_error).toBeTruthy();
    // Fixed; due again after the backoff: handled once each, nothing twice.
    h.failFor.clear();
    h.swallowFor.clear();
    expect(await h.worker.runOnce()).toBe(0);
    h.clock.advance(1000);
    expect(await h.worker.runOnce()).toBe(2);
    expect(await h.effects()).toBe(5);
    expect((await h.inbox()).every((r) => r.status === 'done')).toBe(true);
  });

  it('gives a batch handler the whole batch at once, and on failure one event at a time so only the poison one fails', async () => {
    await h.dispose();
    h = await createHarness(target, { batchHandler: true });
    const clean = [];
    for (let n = 11; n <= 14; n++) clean.push(await h.publish(n));
    await h.pump(4);
    expect(h.batchSizes).toEqual([4]);
    expect(await h.effects()).toBe(4);

    h.batchSizes.length = 0;
    h.failFor.add(resident(21));
    h.swallowFor.add(resident(23));
    const sent = [];
    for (let n = 21; n <= 25; n++) sent.push(await h.publish(n));
    await h.pump(9);
    // The batch of five failed as a whole, then each event went alone: 21 threw, 23 broke its transaction.
    expect(h.batchSizes).toEqual([5, 1, 1, 1, 1, 1]);
    expect(await h.effects()).toBe(7);
    const [one, two, three, four, five] = await Promise.all(sent.map((e) => statusOf(h, e.id)));
    for (const row of [two, four, five]) expect(row).toMatchObject({ status: 'done', attempts: 1 });
    expect(one).toMatchObject({ status: 'pending', attempts: 1 });
    expect(three).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('runs batches side by side when told to, and still handles every event exactly once', async () => {
    await h.dispose();
    h = await createHarness(target, { concurrency: 4, batchSize: 5 });
    const sent = [];
    for (let n = 31; n <= 90; n++) sent.push(await h.publish(n));
    await h.relay.runOnce();
    await h.waitForInbox(60);
    h.worker.start();
    try {
      await h.waitForEffects(60, 10_000);
    } finally {
      await h.worker.stop();
    }
    expect(await h.effects()).toBe(60);
    const distinct = await h.consumer.db
      .selectFrom('effect')
      .select((eb) => eb.fn.count<string>('event_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(60);
    expect((await h.inbox()).every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });

  it('stores arrivals together, each acknowledged once stored; an unstorable one and a duplicate cost nothing else', async () => {
    const events = Array.from({ length: 30 }, (_, i) => envelope(100 + i));
    const unstorable = { ...envelope(200), payload: { residentId: 'nul\u0000byte' } };
    const broken = { ...envelope(201), occurredAt: 'yesterday' };
    const arrivals = [...events, unstorable, broken, structuredClone(events[0]!)];
    const results = await Promise.allSettled(arrivals.map((raw) => h.worker.receive(raw)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await h.inbox();
    expect(rows).toHaveLength(32);
    expect(
      rows
        .filter((r) => r.status === 'pending')
        .map((r) => r.event_id)
        .sort(),
    ).toEqual(events.map((e) => e.id).sort());
    expect((await statusOf(h, unstorable.id)).last_error).toMatch(/^unstorable: /);
    expect(rows.filter((r) => r.status === 'dead')).toHaveLength(2);
    await h.worker.runOnce();
    expect(await h.effects()).toBe(30);
  });

  it('does not take an event whose retry is not yet due, checked under the row lock', async () => {
    h.failFor.add(resident(9));
    const sent = await h.publish(9);
    await h.pump(1);
    expect(await statusOf(h, sent.id)).toMatchObject({ status: 'pending', attempts: 1 });
    // As a worker that listed the event before it failed would: straight at the row, by id.
    h.failFor.clear();
    const ctx = {
      handlers: new Map([[residentDied.name, onEvent(residentDied, async () => {})]]),
      maxAttempts: 3,
      backoff: () => 1000,
      now: h.clock.now,
      log,
    };
    await processInboxEvent(h.consumer.db as never, sent.id, ctx);
    expect(await statusOf(h, sent.id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('publishes a claimed batch with bounded concurrency and marks it in one go', async () => {
    for (let n = 20; n < 30; n++) await h.publish(n);
    let inFlight = 0;
    let most = 0;
    const slow: Transport = {
      ...h.transport,
      publish: async (e) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        await h.transport.publish(e);
        inFlight -= 1;
      },
    };
    const relay = createRelay({ db: h.producer.db, transport: slow, log, publishConcurrency: 3 });
    expect(await relay.runOnce()).toBe(10);
    expect(most).toBe(3);
    const outbox = await h.producer.db.selectFrom('outbox').select('published_at').execute();
    expect(outbox.every((r) => r.published_at instanceof Date)).toBe(true);
    await h.waitForInbox(10);
  });
});

const pensionStopped = defineEvent(
  'social-security.pension.stopped.v1',
  z.object({ residentId: z.string() }),
);

describe.each(messagingMatrix())('events published by handlers on $name', (target) => {
  it('go out as soon as the handler batch commits, not at the relay’s next poll', async () => {
    const h = await createHarness(target, { subscribe: false });
    const seen: string[] = [];
    const producer = await startMessaging({
      db: h.producer.db,
      app: PRODUCER,
      transport: h.transport,
      log,
      relay: { pollMs: 20 },
      worker: { pollMs: 20 },
      handlers: [onEvent(pensionStopped, async (_trx, p) => void seen.push(p.residentId))],
    });
    const consumer = await startMessaging({
      db: h.consumer.db,
      app: CONSUMER,
      transport: h.transport,
      log,
      // Without the wake the handler's event would wait a minute for this relay's next poll.
      relay: { pollMs: 60_000 },
      worker: { pollMs: 20 },
      handlers: [
        onEvent(residentDied, async (trx, p, e) => {
          await trx.insertInto('effect').values({ event_id: e.id, resident_id: p.residentId }).execute();
          await consumer.publish(trx, pensionStopped, { residentId: p.residentId });
        }),
      ],
    });
    try {
      await h.producer.db
        .transaction()
        .execute((trx) =>
          producer.publish(trx, residentDied, { residentId: resident(7), diedOn: '2026-11-20' }),
        );
      producer.wake();
      for (let i = 0; i < 250 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toEqual([resident(7)]);
    } finally {
      await producer.stop();
      await consumer.stop();
      await h.dispose();
    }
  });
});
