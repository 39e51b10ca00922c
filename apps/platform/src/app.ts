import { defineAgencyApp } from '@egov/kernel/app';
import { securityConfig } from './config.ts';
import type { PlatformDatabase } from './database.ts';
import { jwksRoutes } from './keys/jwks.route.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { requestScopeRoutes } from './request-scope.ts';
import { platformRouter } from './router.ts';
import { seedPlatform } from './seed.ts';
import { revocationRoutes } from './sessions/revocations.ts';

/** The platform: identity provider, token issuer and service registry (S1.4, S5.2). */
export const platformApp = defineAgencyApp<PlatformDatabase>({
  manifest,
  router: platformRouter,
  migrations,
  seed: seedPlatform,
  routes: (hono, deps) => {
    // A bad EGOV_* security setting stops the platform here, at start, not at its first login.
    securityConfig();
    requestScopeRoutes(hono, deps);
    jwksRoutes(hono, deps);
    revocationRoutes(hono, deps);
  },
});
