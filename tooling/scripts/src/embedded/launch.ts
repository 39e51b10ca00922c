import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { loadOrCreateServiceKey } from '@egov/kernel/identity';
import { type StartedApp, serviceKeyFile, startAgencyApp } from '@egov/kernel/app';
import { createLogger, type Logger } from '@egov/kernel/log';
import { createInProcessTransport, type Transport, transportFromEnv } from '@egov/kernel/messaging';
import {
  createPlatformVerifier,
  enrolService,
  ensureActiveKey,
  platformApp,
  registerDirect,
} from '@egov/platform/provisioning';
import { embeddedApps, everyService } from './apps.ts';

export interface LaunchOptions {
  basePort: number;
  seed: boolean;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The event transport; by default JetStream with NATS_URL, else an in-process bus. */
  transport?: Transport;
}

export interface Launched {
  apps: StartedApp<any>[];
  stop(): Promise<void>;
}

/**
 * The embedded mode: every app in this process on its own loopback port, one
 * database (PGlite data dir, or PostgreSQL with `DATABASE_URL`), a schema each.
 * The platform starts first and vouches for every app's own key; each app
 * then registers itself over HTTP like it would in the distributed mode.
 */
export async function launchEmbedded(options: LaunchOptions): Promise<Launched> {
  const env = options.env ?? process.env;
  const log = options.logger ?? createLogger({ name: 'egov', level: env.EGOV_LOG_LEVEL ?? 'warn' });
  const started: StartedApp<any>[] = [];
  // One event transport for the whole process: JetStream with NATS_URL, else an in-process bus that
  // holds deliveries until every app has subscribed.
  const transport = env.NATS_URL
    ? await transportFromEnv(env, log)
    : createInProcessTransport({ holdUntilOpen: true });
  const stop = async () => {
    for (const s of [...started].reverse()) await s.serving.stop();
    await transport.close();
  };
  try {
    const platformDb = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor('platform'), env));
    const platform = await startAgencyApp(platformApp, {
      database: platformDb,
      port: options.basePort,
      verifyToken: createPlatformVerifier(platformDb),
      register: false,
      transport,
      logger: log.child({ app: 'platform' }),
    });
    started.push(platform);
    await ensureActiveKey(platformDb.db);
    await enrolService(platformDb.db, {
      name: 'platform',
      zone: platformApp.zone,
      publicJwk: platform.serviceKey.publicJwk,
      permissions: everyService,
    });
    await registerDirect(platformDb.db, {
      name: 'platform',
      zone: platformApp.zone,
      baseUrl: platform.serving.url,
      version: '0.0.0',
    });
    if (options.seed) await platformApp.seed?.(platformDb, log);

    for (const entry of embeddedApps) {
      const { definition } = entry;
      const serviceKey = await loadOrCreateServiceKey(serviceKeyFile(definition.name), {});
      await enrolService(platformDb.db, {
        name: definition.name,
        zone: definition.zone,
        publicJwk: serviceKey.publicJwk,
        permissions: entry.servicePermissions,
      });
      const app = await startAgencyApp(definition, {
        database: databaseConfigFromEnv(schemaNameFor(definition.name), env),
        platformUrl: platform.serving.url,
        port: options.basePort + entry.portOffset,
        serviceKey,
        transport,
        logger: log.child({ app: definition.name }),
      });
      started.push(app);
    }
    transport.open();
    // Seeds run once every app has subscribed and the bus is open, so the events they publish go out at once.
    if (options.seed) {
      for (const [i, entry] of embeddedApps.entries())
        await entry.definition.seed?.(started[i + 1]!.app.database, log);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { apps: started, stop };
}
