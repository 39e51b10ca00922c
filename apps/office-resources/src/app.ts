import { defineAgencyApp } from '@egov/kernel/app';
import { receiptHandler } from './documents/receipt.subscription.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { officeResourcesRouter } from './router.ts';
import { seedOfficeResources } from './seed.ts';

/** Office Business Resources (办公业务资源系统), internal zone. The database type comes from the seed, the router's from the router. */
export const officeResources = defineAgencyApp({
  manifest,
  router: officeResourcesRouter,
  migrations,
  seed: seedOfficeResources,
  subscriptions: [receiptHandler],
});
