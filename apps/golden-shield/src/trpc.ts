import { kernelTRPC } from '@egov/kernel/trpc';
import type { GoldenShieldDatabase } from './database.ts';

/** The one tRPC instance of golden-shield: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenShieldDatabase>();
