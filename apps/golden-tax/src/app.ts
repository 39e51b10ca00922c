import { defineAgencyApp } from '@egov/kernel/app';
import type { GoldenTaxDatabase } from './database.ts';
import { importVatCertifiedHandler } from './inputs/customs.subscription.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { payStep } from './returns/pay.step.ts';
import { goldenTaxRouter } from './router.ts';
import { seedGoldenTax } from './seed.ts';
import { entityRegisteredHandler } from './taxpayers/quality.subscription.ts';

/** Golden Tax (金税): taxpayers, e-invoices, VAT returns; internal zone. */
export const goldenTax = defineAgencyApp<GoldenTaxDatabase>({
  manifest,
  router: goldenTaxRouter,
  migrations,
  seed: seedGoldenTax,
  subscriptions: [importVatCertifiedHandler, entityRegisteredHandler],
  steps: [payStep],
});
