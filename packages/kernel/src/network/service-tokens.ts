import { signServiceAssertion } from '../identity/assertion.ts';
import type { ServiceKey } from '../identity/service-key.ts';
import { callProcedure } from './procedure-call.ts';

export interface ServiceTokens {
  /** A service access token for calls to `audience` (an app name), cached until shortly before it expires. */
  get(audience: string): Promise<string>;
}

/**
 * Obtains the app's service tokens from the platform by presenting an
 * assertion signed with the app's own key. Concurrent requests for the same
 * audience share one round trip.
 *
 * @example
 * const tokens = createServiceTokens({ app: 'golden-tax', key, platformUrl: 'http://127.0.0.1:4100' });
 * const token = await tokens.get('golden-shield');
 */
export function createServiceTokens(options: {
  app: string;
  key: ServiceKey;
  platformUrl: string;
}): ServiceTokens {
  const cache = new Map<string, { token: string; refreshAt: number }>();
  const pending = new Map<string, Promise<string>>();

  async function fetchToken(audience: string): Promise<string> {
    const assertion = await signServiceAssertion(options.key.privateKey, options.app);
    const { accessToken, expiresIn } = await callProcedure<{ accessToken: string; expiresIn: number }>(
      options.platformUrl,
      'auth.serviceToken',
      { type: 'mutation', input: { assertion, audience } },
    );
    // Refresh at 80 % of the lifetime so a token never expires in flight.
    cache.set(audience, { token: accessToken, refreshAt: Date.now() + expiresIn * 800 });
    return accessToken;
  }

  return {
    get: (audience) => {
      const hit = cache.get(audience);
      if (hit && hit.refreshAt > Date.now()) return Promise.resolve(hit.token);
      let inflight = pending.get(audience);
      if (!inflight) {
        inflight = fetchToken(audience).finally(() => pending.delete(audience));
        pending.set(audience, inflight);
      }
      return inflight;
    },
  };
}
