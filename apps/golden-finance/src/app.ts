import { defineAgencyApp } from '@egov/kernel/app';
import type { GoldenFinanceDatabase } from './database.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { deathRecordedHandler } from './payments/payee-death.subscription.ts';
import { goldenFinanceRouter } from './router.ts';
import { seedGoldenFinance } from './seed.ts';

/** Golden Finance (金财): budget execution and the treasury, internal zone. */
export const goldenFinance = defineAgencyApp<GoldenFinanceDatabase>({
  manifest,
  router: goldenFinanceRouter,
  migrations,
  seed: seedGoldenFinance,
  // Flow 3: a death at golden-shield cancels the payments to that person not yet paid.
  subscriptions: [deathRecordedHandler],
});
