import { defineAgencyApp } from '@egov/kernel/app';
import { manifest } from './manifest.ts';
import { migrations } from './migrations/index.ts';
import { __camel__Router } from './router.ts';
import { seed__Pascal__ } from './seed.ts';

/** __titleEn__ (__titleZh__), __zone__ zone. The database type comes from the seed, the router's from the router. */
export const __camel__ = defineAgencyApp({
  manifest,
  router: __camel__Router,
  migrations,
  seed: seed__Pascal__,
});
