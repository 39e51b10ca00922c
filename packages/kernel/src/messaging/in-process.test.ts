import { describe, expect, it } from 'vitest';
import { newEventId } from './contract.ts';
import { PRODUCER, residentDied } from './harness.fixture.ts';
import { createInProcessTransport } from './in-process.ts';

describe('the in-process bus held until open', () => {
  it('refuses publishes until every app has subscribed, then delivers', async () => {
    const bus = createInProcessTransport({ holdUntilOpen: true });
    const got: unknown[] = [];
    await bus.subscribe('social-security', [residentDied.name], async (raw) => void got.push(raw));
    const envelope = {
      id: newEventId(),
      name: residentDied.name,
      payload: {},
      occurredAt: new Date().toISOString(),
      producer: PRODUCER,
    };
    await expect(bus.publish(envelope)).rejects.toThrow(/not open/);
    bus.open();
    await bus.publish(envelope);
    await bus.publish({ ...envelope, name: 'golden-tax.invoice.issued.v1' });
    expect(got).toEqual([envelope]);
    await expect(bus.subscribe('social-security', [], async () => {})).rejects.toThrow(/already subscribed/);
  });
});
