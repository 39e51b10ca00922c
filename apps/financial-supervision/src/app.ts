import { defineAgencyApp } from '@egov/kernel/app';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { financialSupervisionRouter } from './router.ts';
import { seedFinancialSupervision } from './seed.ts';
import { referStep } from './suspicious/refer.step.ts';

/** Financial Supervision and Golden Card (金融监管), internal zone. The database type comes from the seed, the router's from the router. */
export const financialSupervision = defineAgencyApp({
  manifest,
  router: financialSupervisionRouter,
  migrations,
  seed: seedFinancialSupervision,
  steps: [referStep],
});
