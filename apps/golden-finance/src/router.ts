import { appropriationsRouter } from './appropriations/appropriation.router.ts';
import { budgetUnitsRouter } from './budget-units/budget-unit.router.ts';
import { ledgerRouter } from './ledger/ledger.router.ts';
import { paymentsRouter } from './payments/payment.router.ts';
import { reconciliationRouter } from './reconciliation/reconciliation.router.ts';
import { statisticsRouter } from './statistics/statistics.router.ts';
import { treasuryRouter } from './treasury/treasury.router.ts';
import { appRouter } from './trpc.ts';

/**
 * golden-finance's API: budget units and appropriations, payment requests,
 * treasury receipts, the ledger and reconciliation.
 */
export const goldenFinanceRouter = appRouter({
  budgetUnits: budgetUnitsRouter,
  appropriations: appropriationsRouter,
  payments: paymentsRouter,
  treasury: treasuryRouter,
  ledger: ledgerRouter,
  reconciliation: reconciliationRouter,
  statistics: statisticsRouter,
});

/** The type callers import (`@egov/golden-finance/router`) to get a typed client. */
export type GoldenFinanceRouter = typeof goldenFinanceRouter;

// Registered by name: a caller's ctx.connect of 'golden-finance' is typed from it (AppRouters, @egov/kernel/network).
declare global {
  interface EgovAppRouters {
    'golden-finance': GoldenFinanceRouter;
  }
}
