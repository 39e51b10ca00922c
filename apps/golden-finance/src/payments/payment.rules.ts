import { DomainError } from '@egov/kernel/errors';
import { type Fen, formatYuan } from '@egov/standards';
import {
  credit,
  debit,
  expenditureAccount,
  FINANCE_ZBA,
  type JournalDraft,
  TSA,
  unitZbaAccount,
} from '../ledger/ledger.rules.ts';
import type { PaymentMethod, PaymentStatus } from './payment.table.ts';

export type PaymentAction = 'approve' | 'reject' | 'execute';

/*
 * requested --approve--> approved --execute--> executed
 *     \                     |
 *      `------reject--------+--> rejected (the reservation is given back)
 */
const from: Record<PaymentAction, readonly PaymentStatus[]> = {
  approve: ['requested'],
  reject: ['requested', 'approved'],
  execute: ['approved'],
};

/**
 * Refuses an action the payment's status does not allow (CONFLICT, rule
 * `invalid_transition`), e.g. executing a request nobody approved, or paying twice.
 *
 * @example
 * checkTransition('requested', 'execute') // throws: a requested payment cannot be executed
 */
export function checkTransition(status: PaymentStatus, action: PaymentAction): void {
  if (!from[action].includes(status)) {
    throw new DomainError(
      'CONFLICT',
      `a ${status} payment cannot be ${action === 'execute' ? 'executed' : `${action}d`}`,
      {
        field: 'paymentId',
        rule: 'invalid_transition',
      },
    );
  }
}

/**
 * Four eyes: whoever requested a payment may not approve it (FORBIDDEN, rule
 * `separation_of_duties`).
 *
 * @example
 * checkSeparation('official:li', 'official:li') // throws
 */
export function checkSeparation(requestedBy: string, approver: string): void {
  if (requestedBy === approver) {
    throw new DomainError('FORBIDDEN', 'the official who requested a payment may not approve it', {
      field: 'paymentId',
      rule: 'separation_of_duties',
    });
  }
}

export interface PaymentToBook {
  id: string;
  method: PaymentMethod;
  unitCode: string;
  amountFen: Fen;
  payeeName: string;
}

/**
 * The journals of an executed payment. Money leaves through a zero-balance
 * account, which the treasury clears the same day:
 *
 * - direct (财政直接支付): the finance department's ZBA pays the payee for the
 *   unit, then is cleared against the TSA;
 * - authorised (财政授权支付): the unit's own ZBA pays, then is cleared.
 *
 * Both journals are posted in the payment's transaction, so a ZBA never
 * holds a balance outside it.
 *
 * @example
 * paymentJournals({ id, method: 'direct', unitCode: '201001', amountFen, payeeName: '…' }, '2026-11-20')
 * // [payment: Dr expenditure.201001 / Cr zba.finance, clearing: Dr zba.finance / Cr tsa]
 */
export function paymentJournals(payment: PaymentToBook, businessDate: string): JournalDraft[] {
  const zba = payment.method === 'direct' ? FINANCE_ZBA : unitZbaAccount(payment.unitCode);
  const reference = `payment:${payment.id}`;
  const amount = payment.amountFen;
  const what =
    payment.method === 'direct' ? '财政直接支付 direct payment' : '财政授权支付 authorised payment';
  return [
    {
      kind: 'payment',
      reference,
      memo: `${what} of ${formatYuan(amount)} to ${payment.payeeName}`,
      businessDate,
      lines: [debit(expenditureAccount(payment.unitCode), amount), credit(zba, amount)],
    },
    {
      kind: 'clearing',
      reference,
      memo: `same-day clearing of ${zba} against the TSA`,
      businessDate,
      lines: [debit(zba, amount), credit(TSA, amount)],
    },
  ];
}
