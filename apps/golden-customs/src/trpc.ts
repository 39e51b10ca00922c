// The apps golden-customs calls: their routers register their types, so `ctx.connect('golden-finance')` is typed.
import type {} from '@egov/golden-finance/router';
import type {} from '@egov/golden-tax/router';
import { kernelTRPC } from '@egov/kernel/trpc';
import { manifest } from './manifest.ts';
import type { GoldenCustomsDatabase } from './database.ts';

/** The one tRPC instance of golden-customs: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<GoldenCustomsDatabase, typeof manifest>(manifest);
