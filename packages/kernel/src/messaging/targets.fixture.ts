import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { AppDatabase } from '../db/index.ts';
import {
  type DatabaseTarget,
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
} from '../testing/index.ts';
import { createInProcessTransport } from './in-process.ts';
import { createJetStreamTransport } from './jetstream.ts';
import { messagingMigrations } from './migrations.ts';
import { appRoleMigrations } from '../db/app-role-migrations.ts';
import type { Transport } from './transport.ts';

const log = silentLogger('transport');

export interface TransportTarget {
  name: 'in-process' | 'jetstream';
  create(): Promise<{ transport: Transport; dispose(): Promise<void> }>;
}

/**
 * In-process always; JetStream when `NATS_URL` is set, on a stream and
 * subject prefix of its own so parallel runs never see each other's events.
 * In CI a missing `NATS_URL` fails the run instead of skipping the suites.
 */
export function transportTargets(env: NodeJS.ProcessEnv = process.env): TransportTarget[] {
  const inProcess: TransportTarget = {
    name: 'in-process',
    create: async () => {
      const transport = createInProcessTransport();
      return { transport, dispose: () => transport.close() };
    },
  };
  const url = env.NATS_URL;
  if (!url) {
    if (env.CI === 'true' || env.CI === '1')
      throw new Error('CI must set NATS_URL: the JetStream suites may not be skipped');
    return [inProcess];
  }
  const jetStream: TransportTarget = {
    name: 'jetstream',
    create: async () => {
      const tag = randomBytes(4).toString('hex');
      const stream = `EGOV_TEST_${tag}`;
      const transport = await createJetStreamTransport({
        servers: url,
        stream,
        subjectPrefix: `egov-test-${tag}.events`,
        log,
      });
      const dispose = async () => {
        await transport.close();
        const nc = await connect({ servers: url });
        await (await jetstreamManager(nc)).streams.delete(stream).finally(() => nc.close());
      };
      return { transport, dispose };
    },
  };
  return [inProcess, jetStream];
}

export interface MatrixEntry {
  name: string;
  db: DatabaseTarget;
  transport: TransportTarget;
}

/** Every database target with every transport: each suite runs once per pair. */
export function messagingMatrix(): MatrixEntry[] {
  return databaseTargets().flatMap((db) =>
    transportTargets().map((transport) => ({ name: `${db.name} + ${transport.name}`, db, transport })),
  );
}

const apps = new Map<string, Promise<{ producer: AppDatabase<any>; consumer: AppDatabase<any> }>>();

/** The two apps' databases, migrated once per target per file. */
export function appDatabases(target: DatabaseTarget) {
  let pending = apps.get(target.name);
  if (!pending) {
    pending = (async () => {
      const producer = await freshDatabase<any>(target, 'msg-producer');
      const consumer = await freshDatabase<any>(target, 'msg-consumer');
      for (const app of [producer, consumer]) {
        await app.migrate({ ...messagingMigrations, ...appRoleMigrations(app.schema, []) });
      }
      // Created by the owner after the grants: default privileges give the app role the new table.
      await consumer.owner.schema
        .createTable('effect')
        .addColumn('n', 'serial', (c) => c.primaryKey())
        .addColumn('event_id', 'uuid', (c) => c.notNull())
        .addColumn('resident_id', 'text', (c) => c.notNull())
        .execute();
      return { producer, consumer };
    })();
    apps.set(target.name, pending);
  }
  return pending;
}

/** Drops the apps' schemas; call in the file's `afterAll`. */
export async function closeApps(): Promise<void> {
  for (const pending of apps.values()) {
    const { producer, consumer } = await pending;
    await dropFresh(producer);
    await dropFresh(consumer);
  }
  apps.clear();
}
