import { noticesRouter } from './notices/notice.router.ts';
import { appRouter } from './trpc.ts';

/** macroeconomics's API, one router per domain concept. */
export const macroeconomicsRouter = appRouter({ notices: noticesRouter });

/** The type callers import (`@egov/macroeconomics/router`) to get a typed client. */
export type MacroeconomicsRouter = typeof macroeconomicsRouter;
