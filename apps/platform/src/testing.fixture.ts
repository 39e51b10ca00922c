import { type AgencyApp, createAgencyApp } from '@egov/kernel/app';
import { PLATFORM_AUDIENCE, signAccessToken } from '@egov/kernel/identity';
import { type DatabaseTarget, dropFresh, freshDatabase, silentLogger, trpcHttp } from '@egov/testing';
import type { JSONWebKeySet } from 'jose';
import { platformApp } from './app.ts';
import type { PlatformDatabase, PlatformDb } from './database.ts';
import { keyStoreFor } from './keys/keystore.ts';
import { createPlatformVerifier } from './provisioning.ts';

export interface PlatformHarness {
  app: AgencyApp<PlatformDatabase>;
  db: PlatformDb;
  /** One tRPC call through the app's HTTP handler, as a client would make it. */
  call: (path: string, options?: Parameters<typeof trpcHttp>[2]) => ReturnType<typeof trpcHttp>;
  /** A token for an official holding `permissions`, signed by the platform's own key (as login would). */
  officialToken(permissions: string[], agency?: string): Promise<string>;
  /** What `GET /.well-known/jwks.json` serves. */
  jwks(): Promise<JSONWebKeySet>;
  close(): Promise<void>;
}

/**
 * Boots the platform the way the launcher does (its own keystore verifies its
 * tokens), on a fresh schema of `target`, with no port.
 */
export async function bootPlatform(target: DatabaseTarget): Promise<PlatformHarness> {
  const database = await freshDatabase<PlatformDatabase>(target, 'platform');
  const app = await createAgencyApp(platformApp, {
    database,
    verifyToken: createPlatformVerifier(database),
    logger: silentLogger('platform'),
  });
  return {
    app,
    db: database.db,
    call: (path, options) => trpcHttp(app.hono, path, options),
    officialToken: async (permissions, agency = 'platform') =>
      signAccessToken(
        await keyStoreFor(database.db).activeSigningKey(),
        {
          typ: 'official',
          sub: 'official:tester',
          username: 'tester',
          agency,
          roles: [],
          perms: permissions,
        },
        { audience: PLATFORM_AUDIENCE, ttlSeconds: 300 },
      ),
    jwks: async () => (await app.hono.request('/.well-known/jwks.json')).json() as Promise<JSONWebKeySet>,
    close: () => dropFresh(database),
  };
}
