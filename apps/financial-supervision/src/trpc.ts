import { kernelTRPC } from '@egov/kernel/trpc';
import type { FinancialSupervisionDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of financial-supervision: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<FinancialSupervisionDatabase, typeof manifest>(
  manifest,
);
