import { archiveRouter } from './archive/archive.router.ts';
import { authoritiesRouter, documentsRouter, recipientsRouter } from './documents/document.router.ts';
import { incomingRouter, supervisionRouter } from './incoming/incoming.router.ts';
import { sealsRouter } from './seals/seal.router.ts';
import { trainingRouter } from './training/training.router.ts';
import { appRouter } from './trpc.ts';

/** office-resources's API, one router per domain concept. */
export const officeResourcesRouter = appRouter({
  documents: documentsRouter,
  authorities: authoritiesRouter,
  recipients: recipientsRouter,
  seals: sealsRouter,
  incoming: incomingRouter,
  supervision: supervisionRouter,
  archive: archiveRouter,
  training: trainingRouter,
});

/** The type callers import (`@egov/office-resources/router`) to get a typed client. */
export type OfficeResourcesRouter = typeof officeResourcesRouter;
