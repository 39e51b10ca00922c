import { declarationsRouter } from './declarations/declaration.router.ts';
import { importersRouter } from './importers/importer.router.ts';
import { inspectionsRouter } from './inspections/inspection.router.ts';
import { statisticsRouter } from './statistics/statistics.router.ts';
import { tariffRouter } from './tariff/tariff.router.ts';
import { appRouter } from './trpc.ts';

/**
 * golden-customs' API: the importer register, import declarations (submit,
 * pay into the treasury, release), inspections and the tariff.
 */
export const goldenCustomsRouter = appRouter({
  importers: importersRouter,
  declarations: declarationsRouter,
  inspections: inspectionsRouter,
  tariff: tariffRouter,
  statistics: statisticsRouter,
});

/** The type callers import (`@egov/golden-customs/router`) to get a typed client. */
export type GoldenCustomsRouter = typeof goldenCustomsRouter;

// Registered by name: a caller's ctx.connect of 'golden-customs' is typed from it (AppRouters, @egov/kernel/network).
declare global {
  interface EgovAppRouters {
    'golden-customs': GoldenCustomsRouter;
  }
}
