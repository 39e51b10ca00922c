import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../testing/index.ts';
import { eventsReplicas, transportFromEnv } from './transport.ts';

describe('EGOV_EVENTS_REPLICAS', () => {
  it('takes 1, 3 or 5 and refuses anything else by name', () => {
    expect([eventsReplicas('1'), eventsReplicas('3'), eventsReplicas('5')]).toEqual([1, 3, 5]);
    for (const bad of ['2', '0', 'three', ''])
      expect(() => eventsReplicas(bad)).toThrow(`EGOV_EVENTS_REPLICAS must be 1, 3 or 5, not "${bad}"`);
  });

  const url = process.env.NATS_URL;
  it.skipIf(!url)('creates the events stream with that many replicas (a lone server refuses 3)', async () => {
    const stream = `EGOV_REPLICAS_${randomBytes(4).toString('hex')}`;
    const env = { NATS_URL: url, EGOV_EVENTS_STREAM: stream };
    // One server (this machine's) holds one copy; three need a cluster, and the server says so.
    await expect(
      transportFromEnv({ ...env, EGOV_EVENTS_REPLICAS: '3' }, silentLogger('replicas')),
    ).rejects.toThrow(/replicas > 1 not supported in non-clustered mode/);
    const transport = await transportFromEnv({ ...env, EGOV_EVENTS_REPLICAS: '1' }, silentLogger('replicas'));
    const nc = await connect({ servers: url! });
    try {
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info(stream)).config.num_replicas).toBe(1);
      await jsm.streams.delete(stream);
    } finally {
      await transport.close();
      await nc.close();
    }
  });
});
