import { kernelTRPC } from '@egov/kernel/trpc';
import type { GoldenAuditDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of golden-audit: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenAuditDatabase, typeof manifest>(manifest);
