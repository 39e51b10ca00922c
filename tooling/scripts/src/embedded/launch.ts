import { join } from 'node:path';
import {
  createDatabase,
  type DatabaseConfig,
  dataRoot,
  databaseConfigFromEnv,
  type EmbeddedServer,
  schemaNameFor,
  startEmbeddedServer,
} from '@egov/kernel/db';
import { loadOrCreateServiceKey } from '@egov/kernel/identity';
import { type StartedApp, serviceKeyFile, startAgencyApp } from '@egov/kernel/app';
import { createLogger, type Logger } from '@egov/kernel/log';
import { createInProcessTransport, type Transport, transportFromEnv } from '@egov/kernel/messaging';
import {
  createPlatformVerifier,
  enrolService,
  ensureActiveKey,
  sealStoredSecrets,
  platformApp,
  registerDirect,
  seedPlatform,
} from '@egov/platform/provisioning';
import type { AppManifest } from '@egov/kernel/manifest';
import { type EmbeddedApp, embeddedApps, everyService, loadEmbeddedApps, selectApps } from './apps.ts';

export interface LaunchOptions {
  basePort: number;
  seed: boolean;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** The event transport; by default JetStream with NATS_URL, else an in-process bus. */
  transport?: Transport;
  /** Only these agency apps (and the apps they call); default every app. */
  only?: string[];
  /** The workspace whose apps run (default: this repository); a test points it at a copy. */
  root?: string;
  /** Progress lines for a person (the embedded server's first initialisation takes seconds). */
  progress?: (line: string) => void;
}

export interface Launched {
  /** The platform first, then the agency apps in start order. */
  apps: StartedApp<any>[];
  platformUrl: string;
  /** The embedded PostgreSQL, when this launch started (or adopted) it. */
  server?: EmbeddedServer;
  stop(): Promise<void>;
}

export interface LaunchAppsOptions {
  /** The agency apps to run beside the platform, callees first. */
  apps: EmbeddedApp[];
  /** Where each app's schema lives. */
  database: (schema: string) => DatabaseConfig;
  /** Where each app's own key is kept. */
  keyFile: (app: string) => string;
  /** The platform's port; app N listens on base + its offset. 0: every app on a port the OS picks. */
  basePort: number;
  /** Demo data: none, the platform's officials only, or every app's. */
  seed: 'none' | 'platform' | 'all';
  /** Every app's manifest, for the platform's agencies and roles (default: the workspace's). */
  manifests?: AppManifest[];
  transport: Transport;
  logger: Logger;
}

/**
 * The platform, then `apps`, in this process: the platform starts first and
 * vouches for every app's own key; each app then registers itself over HTTP
 * like it would in the distributed mode. Shared by `egov start` and the
 * benchmarks. Closing stops the apps (callers last) and the transport.
 */
export async function launchApps(options: LaunchAppsOptions): Promise<Launched> {
  const { transport, logger: log } = options;
  const port = (offset: number) => (options.basePort === 0 ? 0 : options.basePort + offset);
  const started: StartedApp<any>[] = [];
  const stop = async () => {
    for (const s of [...started].reverse()) await s.serving.stop();
    await transport.close();
  };
  try {
    const platformDb = await createDatabase<any>(options.database(schemaNameFor('platform')));
    const platform = await startAgencyApp(platformApp, {
      database: platformDb,
      port: port(0),
      verifyToken: createPlatformVerifier(platformDb),
      register: false,
      transport,
      serviceKey: await loadOrCreateServiceKey(options.keyFile('platform'), {}),
      logger: log.child({ app: 'platform' }),
    });
    started.push(platform);
    await ensureActiveKey(platformDb.db);
    await sealStoredSecrets(platformDb.db);
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
    // Agencies, roles and systems from the manifests of the apps found (all of them, whichever run).
    if (options.seed !== 'none') await seedPlatform(platformDb, log, options.manifests);

    for (const entry of options.apps) {
      const { definition } = entry;
      const serviceKey = await loadOrCreateServiceKey(options.keyFile(definition.name), {});
      await enrolService(platformDb.db, {
        name: definition.name,
        zone: definition.zone,
        publicJwk: serviceKey.publicJwk,
        permissions: entry.servicePermissions,
      });
      const app = await startAgencyApp(definition, {
        database: options.database(schemaNameFor(definition.name)),
        platformUrl: platform.serving.url,
        port: port(entry.portOffset),
        serviceKey,
        transport,
        logger: log.child({ app: definition.name }),
      });
      started.push(app);
    }
    transport.open();
    // Seeds run once every app has subscribed and the bus is open, so the events they publish go out at once.
    if (options.seed === 'all') {
      for (const [i, entry] of options.apps.entries())
        await entry.definition.seed?.(started[i + 1]!.app.database, log);
    }
    return { apps: started, platformUrl: platform.serving.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The embedded mode: every app in this process on its own loopback port, one
 * PostgreSQL (`DATABASE_URL`, or the embedded server under the data root,
 * started here and stopped last), a schema each.
 */
export async function launchEmbedded(options: LaunchOptions): Promise<Launched> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ name: 'egov', level: env.EGOV_LOG_LEVEL ?? 'warn' });
  const server = env.DATABASE_URL
    ? undefined
    : await startEmbeddedServer({ dataDir: join(dataRoot(env), 'postgres'), log: options.progress });
  const databaseEnv = server ? { ...env, DATABASE_URL: server.url } : env;
  try {
    // One event transport for the whole process: JetStream with NATS_URL, else an in-process bus that
    // holds deliveries until every app has subscribed.
    const transport =
      options.transport ??
      (env.NATS_URL
        ? await transportFromEnv(env, logger)
        : createInProcessTransport({ holdUntilOpen: true }));
    const found = options.root ? await loadEmbeddedApps(options.root) : embeddedApps;
    const launched = await launchApps({
      apps: selectApps(options.only, found),
      manifests: [...(platformApp.manifest ? [platformApp.manifest] : []), ...found.map((a) => a.manifest)],
      database: (schema) => databaseConfigFromEnv(schema, databaseEnv),
      keyFile: (app) => serviceKeyFile(app, env),
      basePort: options.basePort,
      seed: options.seed ? 'all' : 'none',
      transport,
      logger,
    });
    return {
      ...launched,
      server,
      stop: async () => {
        await launched.stop();
        await server?.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}
