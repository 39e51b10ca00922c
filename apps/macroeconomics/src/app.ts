import { defineAgencyApp } from '@egov/kernel/app';
import { chartRoutes } from './charts/chart.route.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { macroeconomicsRouter } from './router.ts';
import { seedMacroeconomics } from './seed.ts';

/** Macroeconomic Management (宏观经济管理), internal zone; public charts of released figures beside /trpc. */
export const macroeconomics = defineAgencyApp({
  manifest,
  router: macroeconomicsRouter,
  migrations,
  seed: seedMacroeconomics,
  routes: chartRoutes,
});
