import { kernelTRPC } from '@egov/kernel/trpc';
import type { PlatformDatabase } from './database.ts';

/** The platform's procedure builders: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<PlatformDatabase>();
