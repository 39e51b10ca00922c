/*
 * The producing app of the events benchmark in a thread of its own, as the
 * distributed mode runs each app in its own process: its own event loop,
 * database pool, JetStream connection and relay. The main thread asks it to
 * publish (`{ id, count }`) and hears back once the transaction committed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDatabase } from '@egov/kernel/db';
import { createJetStreamTransport, startMessaging } from '@egov/kernel/messaging';
import { log, publishItems, type RemoteProducer } from './events.ts';

const config = workerData.producer as RemoteProducer;
const port = parentPort!;
const database = await createDatabase<any>({
  kind: 'postgres',
  url: config.url,
  schema: config.schema,
  poolSize: config.poolSize,
});
const transport = await createJetStreamTransport({
  servers: config.servers,
  stream: config.stream,
  subjectPrefix: config.subjectPrefix,
  log,
});
const producer = await startMessaging({ db: database.db, app: 'bench-producer', transport, log });
transport.open();
let n = 0;

port.on('message', async (message: { type: 'publish'; id: number; count: number } | { type: 'stop' }) => {
  if (message.type === 'stop') {
    await producer.stop();
    await transport.close();
    await database.close();
    port.postMessage({ type: 'stopped' });
    return;
  }
  try {
    await publishItems(database.db, producer, n, message.count);
    n += message.count;
    port.postMessage({ type: 'published', id: message.id });
  } catch (error) {
    port.postMessage({ type: 'failed', id: message.id, error: String(error) });
  }
});
port.postMessage({ type: 'ready' });
