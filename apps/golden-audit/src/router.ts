import { noticesRouter } from './notices/notice.router.ts';
import { appRouter } from './trpc.ts';

/** golden-audit's API, one router per domain concept. */
export const goldenAuditRouter = appRouter({ notices: noticesRouter });

/** The type callers import (`@egov/golden-audit/router`) to get a typed client. */
export type GoldenAuditRouter = typeof goldenAuditRouter;
