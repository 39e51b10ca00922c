/**
 * Golden-finance's plain service functions, for tooling that runs beside the
 * app (benchmarks, scripts). Other apps never import these: they call the
 * procedures through the network client.
 */
export { allocate, getAppropriation, listAppropriations } from './appropriations/appropriation.service.ts';
export { findBudgetUnit, registerBudgetUnit } from './budget-units/budget-unit.service.ts';
export { accountBalance, postJournal, trialBalance } from './ledger/ledger.service.ts';
export { migrations } from './migrations/index.ts';
export {
  approvePayment,
  executePayment,
  getPayment,
  rejectPayment,
  requestPayment,
} from './payments/payment.service.ts';
export { runReconciliation } from './reconciliation/reconciliation.service.ts';
export { financePermissions, financeRoles } from './roles.ts';
export { DEMO_FISCAL_YEAR, demoUnits, seedGoldenFinance } from './seed.ts';
export {
  expectReceipt,
  getReceipt,
  listSuspense,
  receiveReceipt,
  resolveSuspense,
} from './treasury/treasury.service.ts';
