import type { AgencyAppDefinition } from '@egov/kernel/app';
import type { PlatformDatabase } from '../database.ts';
import { keyStoreFor } from './keystore.ts';

type PlatformRoutes = NonNullable<AgencyAppDefinition<PlatformDatabase>['routes']>;

/**
 * `GET /.well-known/jwks.json`: the public keys every app verifies tokens
 * with. A minute of caching matches the key store's own refresh and bounds how
 * long a retired key stays trusted; verifiers re-fetch on an unknown kid, so a
 * newly rotated-in key is accepted at once.
 */
export const jwksRoutes: PlatformRoutes = (hono, { database }) => {
  hono.get('/.well-known/jwks.json', async (c) =>
    c.json(await keyStoreFor(database.db).jwks(), 200, { 'cache-control': 'max-age=60' }),
  );
};
