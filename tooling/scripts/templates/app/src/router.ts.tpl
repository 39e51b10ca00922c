import { noticesRouter } from './notices/notice.router.ts';
import { appRouter } from './trpc.ts';

/** __name__'s API, one router per domain concept. */
export const __camel__Router = appRouter({ notices: noticesRouter });

/** The type callers import (`@egov/__name__/router`) to get a typed client. */
export type __Pascal__Router = typeof __camel__Router;
