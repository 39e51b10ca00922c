import { kernelTRPC } from '@egov/kernel/trpc';
import type { MacroeconomicsDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of macroeconomics: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<MacroeconomicsDatabase, typeof manifest>(manifest);
