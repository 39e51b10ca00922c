import { kernelTRPC } from '@egov/kernel/trpc';
import type { GoldenCustomsDatabase } from './database.ts';

/** The one tRPC instance of golden-customs: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenCustomsDatabase>();
