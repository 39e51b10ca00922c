import { defineAgencyApp } from '@egov/kernel/app';
import {
  employerRegisteredHandler,
  taxpayerRegisteredHandler,
} from './applications/application.subscription.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { goldenQualityRouter } from './router.ts';
import { imposeFineStep, payFineStep } from './sampling/fine.step.ts';
import { seedGoldenQuality } from './seed.ts';

/** Golden Quality (金质工程), internal zone: the legal-entity base and credit codes, business applications. */
export const goldenQuality = defineAgencyApp({
  manifest,
  router: goldenQualityRouter,
  migrations,
  seed: seedGoldenQuality,
  subscriptions: [taxpayerRegisteredHandler, employerRegisteredHandler],
  // Resumed by the kernel when a fine's transaction did not commit after the treasury's (ADR 11).
  steps: [imposeFineStep, payFineStep],
});
