import { kernelTRPC } from '@egov/kernel/trpc';
import type { __Pascal__Database } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of __name__: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<__Pascal__Database, typeof manifest>(manifest);
