import type { Zone } from '../identity/principal.ts';
import { callProcedure } from './procedure-call.ts';
import type { ServiceTokens } from './service-tokens.ts';

export interface Registration {
  name: string;
  zone: Zone;
  baseUrl: string;
  version: string;
}

export interface RegistryClient {
  register(registration: Registration): Promise<void>;
  /** Where `name` lives, from the platform's registry (cached for `ttlMs`). */
  resolve(name: string): Promise<Registration>;
  forget(name: string): void;
}

/**
 * The kernel's view of the platform's service registry (S1.4: unified
 * address, domain and routing).
 */
export function createRegistryClient(options: {
  platformUrl: string;
  tokens: ServiceTokens;
  ttlMs?: number;
}): RegistryClient {
  const ttlMs = options.ttlMs ?? 30_000;
  const cache = new Map<string, { value: Registration; until: number }>();
  const auth = async () => ({ authorization: `Bearer ${await options.tokens.get('platform')}` });
  return {
    register: async (registration) => {
      await callProcedure(options.platformUrl, 'registry.register', {
        type: 'mutation',
        input: registration,
        headers: await auth(),
      });
    },
    resolve: async (name) => {
      const hit = cache.get(name);
      if (hit && hit.until > Date.now()) return hit.value;
      const found = await callProcedure<Registration>(options.platformUrl, 'registry.resolve', {
        type: 'query',
        input: { name },
        headers: await auth(),
      });
      const value = { name: found.name, zone: found.zone, baseUrl: found.baseUrl, version: found.version };
      cache.set(name, { value, until: Date.now() + ttlMs });
      return value;
    },
    forget: (name) => {
      cache.delete(name);
    },
  };
}
