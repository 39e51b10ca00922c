import { birthsRouter } from './births/birth.router.ts';
import { casesRouter } from './cases/case.router.ts';
import { deathsRouter } from './deaths/death.router.ts';
import { movesRouter } from './moves/move.router.ts';
import { residentsRouter } from './residents/resident.router.ts';
import { appRouter } from './trpc.ts';
import { identityRouter } from './verification/verification.router.ts';

/**
 * golden-shield's API: the population base (births, moves, deaths, lookups)
 * identity verification for other agencies, and cases opened on their referral.
 */
export const goldenShieldRouter = appRouter({
  births: birthsRouter,
  moves: movesRouter,
  deaths: deathsRouter,
  residents: residentsRouter,
  identity: identityRouter,
  cases: casesRouter,
});

/** The type callers import (`@egov/golden-shield/router`) to get a typed client. */
export type GoldenShieldRouter = typeof goldenShieldRouter;

// Registered by name: a caller's ctx.connect of 'golden-shield' is typed from it (AppRouters, @egov/kernel/network).
declare global {
  interface EgovAppRouters {
    'golden-shield': GoldenShieldRouter;
  }
}
