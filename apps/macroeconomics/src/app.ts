import { defineAgencyApp } from '@egov/kernel/app';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { macroeconomicsRouter } from './router.ts';
import { seedMacroeconomics } from './seed.ts';

/** Macroeconomic Management (宏观经济管理), internal zone. The database type comes from the seed, the router's from the router. */
export const macroeconomics = defineAgencyApp({
  manifest,
  router: macroeconomicsRouter,
  migrations,
  seed: seedMacroeconomics,
});
