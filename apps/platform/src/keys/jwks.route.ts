import type { PlatformRoutes } from '../request-scope.ts';
import { keyStoreFor } from './keystore.ts';

/**
 * `GET /.well-known/jwks.json`: the public keys every app verifies tokens
 * with. A minute of caching matches the key store's own refresh; a retired
 * key stays listed until its last token has expired, then drops out (plus up
 * to that minute of caching); verifiers re-fetch on an unknown kid, so a
 * newly rotated-in key is accepted at once.
 */
export const jwksRoutes: PlatformRoutes = (hono, { database }) => {
  hono.get('/.well-known/jwks.json', async (c) =>
    c.json(await keyStoreFor(database.db).jwks(), 200, { 'cache-control': 'max-age=60' }),
  );
};
