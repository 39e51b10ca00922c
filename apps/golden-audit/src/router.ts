import { checksRouter } from './checks/check.router.ts';
import { findingsRouter } from './findings/finding.router.ts';
import { projectsRouter } from './projects/project.router.ts';
import { pullsRouter } from './pulls/pull.router.ts';
import { reportsRouter } from './reports/report.router.ts';
import { samplesRouter } from './sampling/sampling.router.ts';
import { appRouter } from './trpc.ts';

/** golden-audit's API, one router per domain concept. */
export const goldenAuditRouter = appRouter({
  projects: projectsRouter,
  pulls: pullsRouter,
  checks: checksRouter,
  samples: samplesRouter,
  findings: findingsRouter,
  reports: reportsRouter,
});

/** The type callers import (`@egov/golden-audit/router`) to get a typed client. */
export type GoldenAuditRouter = typeof goldenAuditRouter;
