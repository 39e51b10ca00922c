/**
 * Every permission golden-finance declares, by the duty it stands for.
 * `payments.reject` shares `payment.approve`: rejecting is the other answer
 * of the same review.
 */
export const financePermissions = {
  registerUnit: 'golden-finance.budget-unit.register',
  readUnit: 'golden-finance.budget-unit.read',
  allocate: 'golden-finance.appropriation.allocate',
  readAppropriation: 'golden-finance.appropriation.read',
  requestPayment: 'golden-finance.payment.request',
  approvePayment: 'golden-finance.payment.approve',
  executePayment: 'golden-finance.payment.execute',
  readPayment: 'golden-finance.payment.read',
  expect: 'golden-finance.treasury.expect',
  receive: 'golden-finance.treasury.receive',
  resolve: 'golden-finance.treasury.resolve',
  readTreasury: 'golden-finance.treasury.read',
  readLedger: 'golden-finance.ledger.read',
  reconcile: 'golden-finance.reconciliation.run',
  readStatistics: 'golden-finance.statistics.read',
} as const;

const p = financePermissions;

/**
 * The roles the platform should grant (its seed holds the real role table).
 * Request, approval and execution of payments sit in three different roles,
 * so no one role can move money alone; the approve procedure also refuses the
 * requester personally.
 */
export const financeRoles: Record<string, { description: string; permissions: string[] }> = {
  'finance-budget-officer': {
    description: '预算处: registers budget units and allocates appropriations',
    permissions: [p.registerUnit, p.readUnit, p.allocate, p.readAppropriation],
  },
  'unit-accountant': {
    description: "预算单位会计: requests payments against the unit's appropriations",
    permissions: [p.requestPayment, p.readPayment, p.readAppropriation, p.readUnit],
  },
  'treasury-payment-reviewer': {
    description: '国库支付审核: approves or rejects payment requests',
    permissions: [p.approvePayment, p.readPayment, p.readAppropriation],
  },
  'treasury-payment-clerk': {
    description: '国库支付执行: executes approved payments',
    permissions: [p.executePayment, p.readPayment],
  },
  'treasury-accountant': {
    description: '国库会计: resolves suspense, reads the ledger, reconciles',
    permissions: [p.resolve, p.readTreasury, p.readLedger, p.reconcile],
  },
  'revenue-collector': {
    description: 'the service identity of golden-customs and golden-tax: registers and pays in revenue',
    permissions: [p.expect, p.receive, p.readTreasury],
  },
  'finance-auditor': {
    description: 'golden-audit and inspectors: reads everything, changes nothing',
    permissions: [p.readUnit, p.readAppropriation, p.readPayment, p.readTreasury, p.readLedger],
  },
};
