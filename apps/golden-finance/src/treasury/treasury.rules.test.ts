import { fen } from '@egov/standards';
import { describe, expect, it } from 'vitest';
import { checkResolution, isSameDocument, matchReceipt } from './treasury.rules.ts';

const receipt = {
  source: 'customs-duty' as const,
  sourceReference: 'D-000001',
  payer: 'P',
  amountFen: fen(500),
};

describe('matching receipts', () => {
  it.each([
    ['no item', undefined, { status: 'suspense', reason: 'no_expected_item' }],
    [
      'an item already matched',
      { payer: 'P', amountFen: fen(500), status: 'matched' as const },
      { status: 'suspense', reason: 'already_matched' },
    ],
    [
      'another amount',
      { payer: 'P', amountFen: fen(499), status: 'open' as const },
      { status: 'suspense', reason: 'amount_mismatch' },
    ],
    [
      'another payer',
      { payer: 'Q', amountFen: fen(500), status: 'open' as const },
      { status: 'suspense', reason: 'payer_mismatch' },
    ],
    [
      'the same payer and amount',
      { payer: 'P', amountFen: fen(500), status: 'open' as const },
      { status: 'matched' },
    ],
  ])('against %s', (_, item, expected) => {
    expect(matchReceipt(receipt, item)).toEqual(expected);
  });

  it('tells a retry from a reused reference', () => {
    expect(isSameDocument({ payer: 'P', amountFen: 5 }, { payer: 'P', amountFen: 5 })).toBe(true);
    expect(isSameDocument({ payer: 'P', amountFen: 5 }, { payer: 'P', amountFen: 6 })).toBe(false);
  });

  it('resolves suspense only into an open item of the same source and amount', () => {
    const parked = { ...receipt, id: 'r', status: 'suspense' as const };
    const item = { source: 'customs-duty' as const, amountFen: fen(500), status: 'open' as const };
    expect(() => checkResolution(parked, item)).not.toThrow();
    expect(() => checkResolution({ ...parked, status: 'matched' }, item)).toThrow(/not in suspense/);
    expect(() => checkResolution(parked, { ...item, status: 'matched' })).toThrow(/already matched/);
    expect(() => checkResolution(parked, { ...item, source: 'non-tax' })).toThrow(
      /customs-duty, the item non-tax/,
    );
    expect(() => checkResolution(parked, { ...item, amountFen: fen(5_000) })).toThrow(
      /5.00 yuan, the item expects 50.00 yuan/,
    );
  });
});
