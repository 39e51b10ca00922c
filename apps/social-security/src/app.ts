import { defineAgencyApp } from '@egov/kernel/app';
import { deathRecordedHandler, paymentCancelledHandler } from './deaths/death.subscription.ts';
import { entityRegisteredHandler } from './employers/quality.subscription.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { payrollStep } from './payroll/payroll.step.ts';
import { socialSecurityRouter } from './router.ts';
import { seedSocialSecurity } from './seed.ts';

/** Social Security (社会保障), internal zone. The database type comes from the seed, the router's from the router. */
export const socialSecurity = defineAgencyApp({
  manifest,
  router: socialSecurityRouter,
  migrations,
  seed: seedSocialSecurity,
  // Resumed by the kernel when a payroll's transaction did not commit after golden-finance's (ADR 11).
  steps: [payrollStep],
  // Flow 3: a death stops the pension; finance's cancellations withdraw the claims for what it did not pay.
  // Flow 2: an entity registered at golden-quality gets its employer account.
  subscriptions: [deathRecordedHandler, paymentCancelledHandler, entityRegisteredHandler],
});
