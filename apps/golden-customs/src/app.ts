import { defineAgencyApp } from '@egov/kernel/app';
import type { GoldenCustomsDatabase } from './database.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { payStep } from './payments/pay.step.ts';
import { goldenCustomsRouter } from './router.ts';
import { seedGoldenCustoms } from './seed.ts';

/** Golden Customs (金关): import declarations, duty and taxes, lanes, release; internal zone. */
export const goldenCustoms = defineAgencyApp<GoldenCustomsDatabase>({
  manifest,
  router: goldenCustomsRouter,
  migrations,
  seed: seedGoldenCustoms,
  // Resumed by the kernel when a payment's transaction did not commit after the treasury's (ADR 11).
  steps: [payStep],
});
