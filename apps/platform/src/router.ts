import { authRouter } from './auth/auth.router.ts';
import { catalogRouter } from './catalog/catalog.router.ts';
import { keysRouter } from './keys/keys.router.ts';
import { mfaRouter } from './mfa/mfa.router.ts';
import { agenciesRouter, officialsRouter, rolesRouter } from './officials/officials.router.ts';
import { registryRouter } from './registry/registry.router.ts';
import { sealsRouter } from './seals/seals.router.ts';
import { servicesRouter } from './services/services.router.ts';
import { appRouter } from './trpc.ts';

/**
 * The platform's API: identity provider (auth, second factors, officials, keys, services), service
 * registry, and the information resource catalog with its exchange (requests, grants, grant tokens), and the
 * certificate authority for agency seals.
 */
export const platformRouter = appRouter({
  auth: authRouter,
  mfa: mfaRouter,
  agencies: agenciesRouter,
  roles: rolesRouter,
  officials: officialsRouter,
  keys: keysRouter,
  services: servicesRouter,
  registry: registryRouter,
  catalog: catalogRouter,
  seals: sealsRouter,
});

export type PlatformRouter = typeof platformRouter;
