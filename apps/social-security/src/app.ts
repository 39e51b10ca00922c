import { defineAgencyApp } from '@egov/kernel/app';
import { entityRegisteredHandler } from './employers/quality.subscription.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { socialSecurityRouter } from './router.ts';
import { seedSocialSecurity } from './seed.ts';

/** Social Security (社会保障), internal zone. The database type comes from the seed, the router's from the router. */
export const socialSecurity = defineAgencyApp({
  manifest,
  router: socialSecurityRouter,
  migrations,
  seed: seedSocialSecurity,
  // Flow 2: an entity registered at golden-quality gets its employer account.
  subscriptions: [entityRegisteredHandler],
});
