import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEventId } from './contract.ts';
import { listDeadLetters, replayDeadLetters } from './dead-letters.ts';
import { createHarness, type Harness, log, PRODUCER, resident, residentDied } from './harness.fixture.ts';
import { createRelay } from './relay.ts';
import { closeApps, messagingMatrix } from './targets.fixture.ts';
import type { Transport } from './transport.ts';

afterAll(() => closeApps());

const statusOf = async (h: Harness, id: string) => (await h.inbox()).find((r) => r.event_id === id);

describe.each(messagingMatrix())('failures on $name', (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(() => h.dispose());

  it('retries a failing handler with backoff, lets later events through, dead-letters it, and replays it', async () => {
    h.failFor.add(resident(1));
    const poison = await h.publish(1);
    await h.publish(2);
    await h.publish(3);
    await h.pump(3);
    // The poison's partial effect was rolled back; the two behind it were handled.
    expect(await h.effects()).toBe(2);
    expect(await statusOf(h, poison.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await statusOf(h, poison.id)).last_error).toContain('pension service refused');
    expect(await h.worker.runOnce()).toBe(0); // backoff: not due yet
    h.clock.advance(1000);
    await h.worker.runOnce();
    expect(await statusOf(h, poison.id)).toMatchObject({ status: 'pending', attempts: 2 });
    h.clock.advance(2000);
    await h.worker.runOnce();
    expect(await statusOf(h, poison.id)).toMatchObject({ status: 'dead', attempts: 3 });
    // A dead event blocks nothing.
    await h.publish(4);
    await h.pump(4);
    expect(await h.effects()).toBe(3);
    const dead = await listDeadLetters(h.consumer.db);
    expect(dead.map((d) => [d.eventId, d.attempts])).toEqual([[poison.id, 3]]);
    expect(dead[0]?.lastError).toContain('pension service refused');
    // Fixed, replayed, handled once.
    h.failFor.clear();
    expect(await replayDeadLetters(h.consumer.db, { eventIds: [poison.id], now: h.clock.now() })).toEqual([
      poison.id,
    ]);
    await h.worker.runOnce();
    expect(await statusOf(h, poison.id)).toMatchObject({ status: 'done' });
    expect(await h.effects()).toBe(4);
    expect(await listDeadLetters(h.consumer.db)).toEqual([]);
  });

  it('dead-letters a payload that fails its schema on receipt, at once, with the reason', async () => {
    const bad = {
      id: newEventId(),
      name: residentDied.name,
      payload: { residentId: 'not-an-id', diedOn: '2026-11-20' },
      occurredAt: new Date().toISOString(),
      producer: PRODUCER,
    };
    await h.transport.publish(bad);
    await h.waitForInbox(1);
    await h.worker.runOnce();
    const row = await statusOf(h, bad.id);
    expect(row).toMatchObject({ status: 'dead', attempts: 0 });
    expect(row.last_error).toMatch(/^schema: residentId invalid_format/);
    expect(await h.effects()).toBe(0);
    expect((await listDeadLetters(h.consumer.db))[0]?.payload).toEqual(bad.payload);
  });

  it('dead-letters a malformed envelope with the reason instead of refusing it forever', async () => {
    const broken = {
      id: newEventId(),
      name: residentDied.name,
      payload: {},
      occurredAt: 'yesterday',
      producer: '',
    };
    await h.transport.publish(broken as never);
    await h.waitForInbox(1);
    const [row] = await h.inbox();
    expect(row).toMatchObject({ status: 'dead', name: residentDied.name });
    expect(row.last_error).toMatch(/^envelope: occurredAt .*; producer /);
    // The same bytes again are the same dead letter.
    await h.worker.receive(broken);
    expect(await h.inbox()).toHaveLength(1);
  });

  it('dead-letters a payload the database cannot store instead of redelivering it forever', async () => {
    const sent = { ...(await h.publish(8)), id: newEventId(), payload: { residentId: 'nul\u0000byte' } };
    await h.worker.receive(sent);
    expect(await statusOf(h, sent.id)).toMatchObject({
      status: 'dead',
      payload: { base64: expect.any(String) },
    });
    expect((await statusOf(h, sent.id)).last_error).toMatch(/^unstorable: /);
  });

  it('dead-letters an event no handler here knows', async () => {
    const stray = { ...(await h.publish(5)), name: 'golden-tax.invoice.issued.v1' };
    await h.worker.receive(stray);
    await h.worker.runOnce();
    expect(await statusOf(h, stray.id)).toMatchObject({
      status: 'dead',
      last_error: `no handler for ${stray.name}`,
    });
  });

  it('retries a failed publish later while the events after it go out', async () => {
    const first = await h.publish(6);
    await h.publish(7);
    const flaky: Transport = {
      ...h.transport,
      publish: async (e) => {
        if (e.id === first.id) throw new Error('no responders');
        await h.transport.publish(e);
      },
    };
    const relay = createRelay({
      db: h.producer.db,
      transport: flaky,
      log,
      now: h.clock.now,
      retryDelay: () => 1000,
    });
    expect(await relay.runOnce()).toBe(1);
    const stuck = await h.producer.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(stuck).toMatchObject({ published_at: null, attempts: 1, last_error: 'no responders' });
    expect(await h.relay.runOnce()).toBe(0);
    h.clock.advance(1000);
    await h.pump(2);
    expect(await h.effects()).toBe(2);
  });
});
