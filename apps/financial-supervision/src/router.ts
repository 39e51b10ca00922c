import { cardsRouter } from './cards/card.router.ts';
import { institutionsRouter } from './institutions/institution.router.ts';
import { prudentialRouter } from './prudential/prudential.router.ts';
import { suspiciousRouter } from './suspicious/suspicious.router.ts';
import { transactionsRouter } from './transactions/transaction.router.ts';
import { appRouter } from './trpc.ts';

/** financial-supervision's API, one router per domain concept. */
export const financialSupervisionRouter = appRouter({
  institutions: institutionsRouter,
  prudential: prudentialRouter,
  transactions: transactionsRouter,
  suspicious: suspiciousRouter,
  cards: cardsRouter,
});

/** The type callers import (`@egov/financial-supervision/router`) to get a typed client. */
export type FinancialSupervisionRouter = typeof financialSupervisionRouter;
