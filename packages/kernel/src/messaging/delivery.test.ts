import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness, log, PRODUCER, resident, residentDied } from './harness.fixture.ts';
import { publishEvent } from './outbox.ts';
import { createRelay } from './relay.ts';
import { closeApps, messagingMatrix } from './targets.fixture.ts';
import type { Transport } from './transport.ts';

afterAll(() => closeApps());

describe.each(messagingMatrix())('delivery on $name', (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(target);
  });
  afterEach(() => h.dispose());

  it('delivers an event published in a committed transaction exactly once', async () => {
    const sent = await h.publish(1);
    await h.pump(1);
    expect(await h.effects()).toBe(1);
    // A second pass finds nothing left to publish or handle.
    expect(await h.relay.runOnce()).toBe(0);
    expect(await h.worker.runOnce()).toBe(0);
    expect(await h.effects()).toBe(1);
    const [row] = await h.inbox();
    expect(row).toMatchObject({
      event_id: sent.id,
      name: residentDied.name,
      producer: PRODUCER,
      status: 'done',
    });
    expect(row.trace_id).toBe('trace-1');
    const outbox = await h.producer.db.selectFrom('outbox').selectAll().execute();
    expect(outbox[0]?.published_at).toBeInstanceOf(Date);
  });

  it('never delivers an event whose transaction rolled back', async () => {
    await expect(
      h.producer.db.transaction().execute(async (trx) => {
        await publishEvent(
          trx,
          residentDied,
          { residentId: resident(2), diedOn: '2026-11-20' },
          { producer: PRODUCER },
        );
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await h.relay.runOnce()).toBe(0);
    expect(await h.producer.db.selectFrom('outbox').selectAll().execute()).toHaveLength(0);
    expect(await h.inbox()).toHaveLength(0);
  });

  it('has no second effect when the same envelope arrives again', async () => {
    const sent = await h.publish(3);
    await h.pump(1);
    // Through the transport again (JetStream's msg-id dedupe may absorb this), and straight into the inbox.
    await h.transport.publish(sent);
    await h.worker.receive(structuredClone(sent));
    await h.worker.receive(structuredClone(sent));
    await new Promise((r) => setTimeout(r, 100));
    await h.worker.runOnce();
    expect(await h.inbox()).toHaveLength(1);
    expect(await h.effects()).toBe(1);
  });

  it('republishes after a relay crashed between publishing and marking, with no second effect', async () => {
    const crashing: Transport = {
      ...h.transport,
      publish: async (envelope) => {
        await h.transport.publish(envelope);
        throw new Error('relay crashed before marking the event published');
      },
    };
    await h.publish(4);
    const crashed = createRelay({
      db: h.producer.db,
      transport: crashing,
      log,
      now: h.clock.now,
      retryDelay: () => 1000,
    });
    expect(await crashed.runOnce()).toBe(0);
    await h.waitForInbox(1);
    await h.worker.runOnce();
    expect(await h.relay.runOnce()).toBe(0); // not due again yet
    h.clock.advance(1000);
    expect(await h.relay.runOnce()).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    await h.worker.runOnce();
    expect(await h.inbox()).toHaveLength(1);
    expect(await h.effects()).toBe(1);
  });

  it('delivers a lower seq that commits after a higher one', async () => {
    const a = await h.producer.db.startTransaction().execute();
    const early = await publishEvent(
      a,
      residentDied,
      { residentId: resident(5), diedOn: '2026-11-20' },
      { producer: PRODUCER },
    );
    const late = await h.publish(6);
    expect(await h.relay.runOnce()).toBe(1);
    await a.commit().execute();
    expect(await h.relay.runOnce()).toBe(1);
    await h.waitForInbox(2);
    await h.worker.runOnce();
    expect(await h.effects()).toBe(2);
    const seqs = await h.producer.db.selectFrom('outbox').select(['id', 'seq']).orderBy('seq').execute();
    expect(seqs.map((r) => r.id)).toEqual([early.id, late.id]);
  });

  it('lets two relays share an outbox without publishing anything twice (PostgreSQL only)', async () => {
    for (let n = 10; n < 30; n++) await h.publish(n);
    const seen: string[] = [];
    const counting: Transport = { ...h.transport, publish: async (e) => void seen.push(e.id) };
    const relays = [1, 2].map(() =>
      createRelay({ db: h.producer.db, transport: counting, log, batchSize: 7 }),
    );
    let total = 0;
    for (let round = 0; round < 4; round++) {
      total += (await Promise.all(relays.map((r) => r.runOnce()))).reduce((a, b) => a + b, 0);
    }
    expect(total).toBe(20);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
