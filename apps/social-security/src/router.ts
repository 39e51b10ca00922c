import { cardsRouter } from './cards/card.router.ts';
import { declarationsRouter, wagesRouter } from './contributions/contribution.router.ts';
import { employersRouter, employmentsRouter } from './employers/employer.router.ts';
import { insuredRouter } from './insured/insured.router.ts';
import { payrollRouter } from './payroll/payroll.router.ts';
import { pensionsRouter } from './pensions/pension.router.ts';
import { appRouter } from './trpc.ts';

/** social-security's API, one router per domain concept. */
export const socialSecurityRouter = appRouter({
  insured: insuredRouter,
  employers: employersRouter,
  employments: employmentsRouter,
  wages: wagesRouter,
  declarations: declarationsRouter,
  cards: cardsRouter,
  pensions: pensionsRouter,
  payroll: payrollRouter,
});

/** The type callers import (`@egov/social-security/router`) to get a typed client. */
export type SocialSecurityRouter = typeof socialSecurityRouter;

// Registered by name: a caller's ctx.connect of 'social-security' is typed from it (AppRouters, @egov/kernel/network).
declare global {
  interface EgovAppRouters {
    'social-security': SocialSecurityRouter;
  }
}
