import { figuresRouter } from './derived/figure.router.ts';
import { indicatorsRouter } from './indicators/indicator.router.ts';
import { releasesRouter } from './releases/release.router.ts';
import { sourcesRouter } from './sources/source.router.ts';
import { appRouter } from './trpc.ts';

/** macroeconomics's API, one router per domain concept. */
export const macroeconomicsRouter = appRouter({
  indicators: indicatorsRouter,
  sources: sourcesRouter,
  releases: releasesRouter,
  figures: figuresRouter,
});

/** The type callers import (`@egov/macroeconomics/router`) to get a typed client. */
export type MacroeconomicsRouter = typeof macroeconomicsRouter;
