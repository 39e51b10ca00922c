import { fen } from '@egov/standards';
import { describe, expect, it } from 'vitest';
import { checkSeparation, checkTransition, paymentJournals } from './payment.rules.ts';
import type { PaymentStatus } from './payment.table.ts';

describe('payment rules', () => {
  it.each([
    ['requested', 'approve', true],
    ['requested', 'reject', true],
    ['requested', 'execute', false],
    ['approved', 'execute', true],
    ['approved', 'reject', true],
    ['approved', 'approve', false],
    ['executed', 'execute', false],
    ['executed', 'reject', false],
    ['rejected', 'approve', false],
    ['rejected', 'execute', false],
  ] as const)('a %s payment may be %s: %s', (status, action, allowed) => {
    const attempt = () => checkTransition(status as PaymentStatus, action);
    if (allowed) expect(attempt).not.toThrow();
    else
      expect(attempt).toThrow(
        expect.objectContaining({
          code: 'CONFLICT',
          details: expect.objectContaining({ rule: 'invalid_transition' }),
        }),
      );
  });

  it('keeps the requester from approving', () => {
    expect(() => checkSeparation('official:a', 'official:a')).toThrow(/may not approve/);
    expect(() => checkSeparation('official:a', 'official:b')).not.toThrow();
  });

  it('books a direct payment through the finance ZBA and an authorised one through the unit ZBA, each cleared', () => {
    const base = { id: 'p', unitCode: '201001', amountFen: fen(700), payeeName: 'x' };
    const accounts = (method: 'direct' | 'authorised') =>
      paymentJournals({ ...base, method }, '2026-11-20').map((j) => [
        j.kind,
        j.lines.map((l) => `${l.side} ${l.account}`),
      ]);
    expect(accounts('direct')).toEqual([
      ['payment', ['debit expenditure.201001', 'credit zba.finance']],
      ['clearing', ['debit zba.finance', 'credit tsa']],
    ]);
    expect(accounts('authorised')).toEqual([
      ['payment', ['debit expenditure.201001', 'credit zba.201001']],
      ['clearing', ['debit zba.201001', 'credit tsa']],
    ]);
  });
});
