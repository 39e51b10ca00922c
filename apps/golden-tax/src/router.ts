import { amlRouter } from './aml/aml.router.ts';
import { inputsRouter } from './inputs/input.router.ts';
import { invoicesRouter } from './invoices/invoice.router.ts';
import { returnsRouter } from './returns/return.router.ts';
import { statisticsRouter } from './statistics/statistics.router.ts';
import { taxpayersRouter } from './taxpayers/taxpayer.router.ts';
import { appRouter } from './trpc.ts';

/**
 * golden-tax's API: taxpayer registration, e-invoices (issue, look up, public
 * verification, cancellation), deductible inputs, VAT returns and payment, and
 * invoice checks for anti-money-laundering cases.
 */
export const goldenTaxRouter = appRouter({
  taxpayers: taxpayersRouter,
  invoices: invoicesRouter,
  inputs: inputsRouter,
  returns: returnsRouter,
  aml: amlRouter,
  statistics: statisticsRouter,
});

/** The type callers import (`@egov/golden-tax/router`) to get a typed client. */
export type GoldenTaxRouter = typeof goldenTaxRouter;

// Registered by name: a caller's ctx.connect of 'golden-tax' is typed from it (AppRouters, @egov/kernel/network).
declare global {
  interface EgovAppRouters {
    'golden-tax': GoldenTaxRouter;
  }
}
