import { defineManifest } from '@egov/kernel/manifest';

/** Golden Finance (金财): budget execution and the state treasury, run by the Ministry of Finance. */
export const manifest = defineManifest({
  name: 'golden-finance',
  zone: 'internal',
  title: { zh: '金财工程 国库与预算执行', en: 'Golden Finance: treasury and budget execution' },
  agency: { code: 'mof', name: 'Ministry of Finance' },
  portOffset: 2,
  permissions: {
    'golden-finance.budget-unit.register': 'registers a budget unit (预算单位) under its department.',
    'golden-finance.budget-unit.read': 'reads budget units.',
    'golden-finance.appropriation.allocate': 'allocates an appropriation to a budget unit for a fiscal year.',
    'golden-finance.appropriation.read': 'reads appropriations and what is left of them.',
    'golden-finance.payment.request':
      "requests a payment, or a batch of up to 1,000 (a payroll), against a unit's appropriation.",
    'golden-finance.payment.approve': "approves or rejects a payment request (never one's own).",
    'golden-finance.payment.execute': 'executes an approved payment, posting it to the ledger.',
    'golden-finance.payment.read': 'reads payments.',
    'golden-finance.treasury.expect':
      'registers revenue a collecting agency expects to be paid into the treasury.',
    'golden-finance.treasury.receive': 'pays revenue into the treasury, matched against what was expected.',
    'golden-finance.treasury.resolve': 'resolves a receipt held in suspense.',
    'golden-finance.treasury.read': 'reads treasury receipts and expected items.',
    'golden-finance.ledger.read': 'reads the double-entry ledger, balances and the trial balance.',
    'golden-finance.reconciliation.run': 'reconciles treasury receipts and payments for a business date.',
    'golden-finance.statistics.read':
      'reads treasury receipts by source and month (catalog resource GF-REC-0001).',
  },
  roles: {
    'treasury-officer': {
      description: 'treasury receipts, suspense, the ledger and reconciliation at Golden Finance',
      permissions: [
        'golden-finance.treasury.*',
        'golden-finance.ledger.read',
        'golden-finance.reconciliation.run',
      ],
    },
    'unit-accountant': {
      description:
        "a budget unit's accountant: requests payments against the appropriations of the units in scope",
      permissions: [
        'golden-finance.payment.request',
        'golden-finance.payment.read',
        'golden-finance.appropriation.read',
        'golden-finance.budget-unit.read',
      ],
    },
  },
  events: {
    publishes: ['golden-finance.payment.cancelled.v1'],
    consumes: ['golden-shield.death.recorded.v1'],
  },
});
