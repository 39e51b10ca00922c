import { noticesRouter } from './notices/notice.router.ts';
import { appRouter } from './trpc.ts';

/** social-security's API, one router per domain concept. */
export const socialSecurityRouter = appRouter({ notices: noticesRouter });

/** The type callers import (`@egov/social-security/router`) to get a typed client. */
export type SocialSecurityRouter = typeof socialSecurityRouter;
