import { kernelTRPC } from '@egov/kernel/trpc';
import type { GoldenQualityDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of golden-quality: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenQualityDatabase, typeof manifest>(manifest);
