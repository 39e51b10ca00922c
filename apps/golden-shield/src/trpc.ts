import { kernelTRPC } from '@egov/kernel/trpc';
import { manifest } from './manifest.ts';
import type { GoldenShieldDatabase } from './database.ts';

/** The one tRPC instance of golden-shield: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenShieldDatabase, typeof manifest>(manifest);
