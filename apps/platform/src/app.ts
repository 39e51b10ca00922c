import { defineAgencyApp } from '@egov/kernel/app';
import type { PlatformDatabase } from './database.ts';
import { jwksRoutes } from './keys/jwks.route.ts';
import { migrations } from './migrations/index.ts';
import { platformRouter } from './router.ts';
import { seedPlatform } from './seed.ts';

/** The platform: identity provider, token issuer and service registry (S1.4, S5.2). */
export const platformApp = defineAgencyApp<PlatformDatabase>({
  name: 'platform',
  zone: 'internal',
  router: platformRouter,
  migrations,
  seed: seedPlatform,
  routes: jwksRoutes,
});
