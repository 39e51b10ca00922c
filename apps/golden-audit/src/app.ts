import { defineAgencyApp } from '@egov/kernel/app';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { goldenAuditRouter } from './router.ts';
import { seedGoldenAudit } from './seed.ts';

/** Golden Audit (金审工程), internal zone. The database type comes from the seed, the router's from the router. */
export const goldenAudit = defineAgencyApp({
  manifest,
  router: goldenAuditRouter,
  migrations,
  seed: seedGoldenAudit,
});
