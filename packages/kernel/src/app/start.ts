import { resolve } from 'node:path';
import type { DatabaseConfig } from '../db/config.ts';
import { dataRoot } from '../db/config.ts';
import type { AppDatabase } from '../db/database.ts';
import { loadOrCreateServiceKey, type ServiceKey } from '../identity/service-key.ts';
import { createGrantVerifier } from '../identity/grants.ts';
import { pollRevocations } from '../identity/revocation.ts';
import { createTokenVerifier, type TokenVerifier } from '../identity/verifier.ts';
import type { Logger } from '../log/logger.ts';
import type { Transport } from '../messaging/transport.ts';
import { createNetwork, type Network } from '../network/connect.ts';
import { createRegistryClient } from '../network/registry-client.ts';
import { createServiceTokens } from '../network/service-tokens.ts';
import { type AgencyApp, createAgencyApp } from './create.ts';
import type { AgencyAppDefinition } from './define.ts';
import { type ServingApp, serveAgencyApp } from './serve.ts';

export interface StartOptions<DB> {
  database: AppDatabase<DB> | DatabaseConfig;
  /** Where the platform (identity provider and registry) answers; omitted for the platform itself. */
  platformUrl?: string;
  port: number;
  /** The address to listen on (default 127.0.0.1; `0.0.0.0` in a container). */
  hostname?: string;
  /** The URL the registry gives callers (default the one it listens on; `http://golden-tax:4103` in a container). */
  advertisedUrl?: string;
  /** The app's own key; by default `.data/keys/<app>.jwk` or `EGOV_SERVICE_KEY`. */
  serviceKey?: ServiceKey;
  /** Overrides the JWKS-based verifier (the platform verifies with its own key store). */
  verifyToken?: TokenVerifier;
  logger?: Logger;
  version?: string;
  /** Skip self-registration (the platform registers itself directly). */
  register?: boolean;
  /** The process's event transport (one for all apps in the process). */
  transport?: Transport;
}

export interface StartedApp<DB> {
  app: AgencyApp<DB>;
  serving: ServingApp;
  network: Network;
  serviceKey: ServiceKey;
}

/** The default place of an app's own private key in the embedded mode. */
export function serviceKeyFile(appName: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(dataRoot(env), 'keys', `${appName}.jwk`);
}

/**
 * Builds, serves and registers an app: tokens verified locally against the
 * platform's JWKS, service tokens obtained with the app's own key, and the
 * app's address published in the platform's registry.
 *
 * @example
 * const started = await startAgencyApp(goldenShield, { database: databaseConfigFromEnv('golden_shield'), platformUrl, port: 4101 });
 * console.log(started.serving.url);
 */
export async function startAgencyApp<DB>(
  definition: AgencyAppDefinition<DB>,
  options: StartOptions<DB>,
): Promise<StartedApp<DB>> {
  if (!options.platformUrl && !options.verifyToken)
    throw new Error(`${definition.name}: platformUrl or verifyToken is required`);
  // Logouts and disabled accounts reach every app within one poll of the platform's revocation list.
  const revocations = options.platformUrl
    ? pollRevocations({
        url: new URL('/.well-known/revocations', options.platformUrl).href,
        onError: (error) => options.logger?.debug({ err: error }, 'revocation list not refreshed'),
      })
    : undefined;
  const verifyToken =
    options.verifyToken ??
    createTokenVerifier({
      keys: { jwksUrl: new URL('/.well-known/jwks.json', options.platformUrl).href },
      audience: definition.name,
      ...(revocations ? { revocations } : {}),
    });
  await revocations?.refresh();
  const serviceKey = options.serviceKey ?? (await loadOrCreateServiceKey(serviceKeyFile(definition.name)));
  const app = await createAgencyApp(definition, {
    database: options.database,
    verifyToken,
    ...(options.platformUrl
      ? {
          verifyGrant: createGrantVerifier({
            keys: { jwksUrl: new URL('/.well-known/jwks.json', options.platformUrl).href },
            audience: definition.name,
            ...(revocations ? { revocations } : {}),
          }),
        }
      : {}),
    auditSigner: {
      keyId: `service:${definition.name}`,
      privateKey: serviceKey.privateKey,
      publicJwk: serviceKey.publicJwk,
    },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
  const serving = await serveAgencyApp(app, {
    port: options.port,
    ...(options.hostname ? { hostname: options.hostname } : {}),
  });
  const platformUrl = options.platformUrl ?? serving.url;
  const tokens = createServiceTokens({ app: definition.name, key: serviceKey, platformUrl });
  const registry = createRegistryClient({ platformUrl, tokens });
  if (options.register !== false) {
    try {
      await registry.register({
        name: definition.name,
        zone: definition.zone,
        baseUrl: options.advertisedUrl ?? serving.url,
        version: options.version ?? '0.0.0',
      });
    } catch (error) {
      await serving.stop();
      throw error;
    }
  }
  const network = createNetwork({ self: { name: definition.name, zone: definition.zone }, registry, tokens });
  app.attachNetwork(network);
  return { app, serving, network, serviceKey };
}
