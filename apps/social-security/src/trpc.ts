// The apps social-security calls: their routers register their types, so `ctx.connect('golden-shield')` is typed.
import type {} from '@egov/golden-shield/router';
import { kernelTRPC } from '@egov/kernel/trpc';
import type { SocialSecurityDatabase } from './database.ts';
import { manifest } from './manifest.ts';

/** The one tRPC instance of social-security: every procedure goes through the kernel middleware. */
export const { router, appRouter, procedure } = kernelTRPC<SocialSecurityDatabase, typeof manifest>(manifest);
