import { kernelTRPC } from '@egov/kernel/trpc';
import type { OfficeResourcesDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of office-resources: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<OfficeResourcesDatabase, typeof manifest>(
  manifest,
);
