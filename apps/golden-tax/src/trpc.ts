// The apps golden-tax calls: their routers register their types, so `ctx.connect('golden-finance')` is typed.
import type {} from '@egov/golden-finance/router';
import { kernelTRPC } from '@egov/kernel/trpc';
import { manifest } from './manifest.ts';
import type { GoldenTaxDatabase } from './database.ts';

/** The one tRPC instance of golden-tax: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenTaxDatabase, typeof manifest>(manifest);
