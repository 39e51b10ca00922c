import { defineAgencyApp } from '@egov/kernel/app';
import type { GoldenShieldDatabase } from './database.ts';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { goldenShieldRouter } from './router.ts';
import { seedGoldenShield } from './seed.ts';

/** Golden Shield (金盾): the population base database, internal zone. */
export const goldenShield = defineAgencyApp<GoldenShieldDatabase>({
  manifest,
  router: goldenShieldRouter,
  migrations,
  seed: seedGoldenShield,
});
