import { kernelTRPC } from '@egov/kernel/trpc';
import { manifest } from './manifest.ts';
import type { GoldenFinanceDatabase } from './database.ts';

/** The one tRPC instance of golden-finance: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenFinanceDatabase, typeof manifest>(manifest);
