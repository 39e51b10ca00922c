import { antiCounterfeitRouter } from './anticounterfeit/code.router.ts';
import { applicationsRouter } from './applications/application.router.ts';
import { certificatesRouter } from './certificates/certificate.router.ts';
import { entitiesRouter } from './entities/entity.router.ts';
import { finesRouter, publicationsRouter, samplesRouter } from './sampling/sample.router.ts';
import { appRouter } from './trpc.ts';

/** golden-quality's API, one router per domain concept. */
export const goldenQualityRouter = appRouter({
  entities: entitiesRouter,
  applications: applicationsRouter,
  certificates: certificatesRouter,
  antiCounterfeit: antiCounterfeitRouter,
  samples: samplesRouter,
  fines: finesRouter,
  publications: publicationsRouter,
});

/** The type callers import (`@egov/golden-quality/router`) to get a typed client. */
export type GoldenQualityRouter = typeof goldenQualityRouter;
