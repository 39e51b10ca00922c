import { AMOUNT_BOUNDS_FEN, type Fen, fen } from '@egov/standards';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paymentJournals } from '../payments/payment.rules.ts';
import { revenueSourceCodes } from '../treasury/sources.ts';
import { matchReceipt, receiptJournal, resolutionJournal } from '../treasury/treasury.rules.ts';
import {
  type AccountTotals,
  checkJournal,
  credit,
  debit,
  type JournalDraft,
  normalBalance,
  trialTotals,
} from './ledger.rules.ts';

const amount = fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => fen(n));
const payer = '91350100M000100Y43';

/** Any journal the app's rules can build. */
const ruleJournal: fc.Arbitrary<JournalDraft[]> = fc.oneof(
  fc.tuple(fc.constantFrom(...revenueSourceCodes), amount, fc.boolean()).map(([source, a, expected]) => {
    const receipt = { source, sourceReference: 'R-000001', payer, amountFen: a };
    const match = matchReceipt(receipt, expected ? { payer, amountFen: a, status: 'open' } : undefined);
    const journals = [receiptJournal('r1', receipt, match, '2026-11-20')];
    if (match.status === 'suspense') {
      journals.push(
        resolutionJournal(
          { id: 'r1', source, sourceReference: 'R-000001', amountFen: a, status: 'suspense' },
          '2026-11-21',
        ),
      );
    }
    return journals;
  }),
  fc
    .tuple(fc.constantFrom('direct' as const, 'authorised' as const), amount)
    .map(([method, a]) =>
      paymentJournals({ id: 'p1', method, unitCode: '201001', amountFen: a, payeeName: 'x' }, '2026-11-20'),
    ),
);

function post(journals: JournalDraft[], into: Map<string, AccountTotals>): void {
  for (const j of journals) {
    for (const l of j.lines) {
      const t = into.get(l.account) ?? { code: l.account, debitFen: 0n, creditFen: 0n };
      if (l.side === 'debit') t.debitFen += BigInt(l.amountFen);
      else t.creditFen += BigInt(l.amountFen);
      into.set(l.account, t);
    }
  }
}

describe('ledger rules', () => {
  it('accept every journal the receipt, suspense and payment rules build', () => {
    fc.assert(
      fc.property(ruleJournal, (journals) => {
        for (const j of journals) expect(checkJournal(j.lines).ok).toBe(true);
      }),
    );
  });

  it('keep the trial balance equal over any sequence of postings, and zero-balance accounts at zero', () => {
    fc.assert(
      fc.property(fc.array(ruleJournal, { maxLength: 40 }), (days) => {
        const totals = new Map<string, AccountTotals>();
        for (const journals of days) post(journals, totals);
        const tb = trialTotals([...totals.values()]);
        expect(tb.balanced).toBe(true);
        expect(tb.debitFen).toBe(tb.creditFen);
        for (const t of totals.values()) {
          if (t.code.startsWith('zba.')) expect(normalBalance('asset', t.debitFen, t.creditFen)).toBe(0n);
        }
      }),
    );
  });

  it('total exactly past 2^53 fen: receipts at the bound, summed in bigint (property)', () => {
    const atBound = fc.integer({
      min: (AMOUNT_BOUNDS_FEN.treasuryItem / 10) * 9,
      max: AMOUNT_BOUNDS_FEN.treasuryItem,
    });
    fc.assert(
      fc.property(fc.array(atBound, { minLength: 1001, maxLength: 1500 }), (amounts) => {
        const totals = new Map<string, AccountTotals>();
        const journals = amounts.map((a, i) => {
          const receipt = { source: 'non-tax' as const, sourceReference: `R-${i}`, payer, amountFen: fen(a) };
          return receiptJournal(`r${i}`, receipt, matchReceipt(receipt, undefined), '2026-11-20');
        });
        post(journals, totals);
        const exact = amounts.reduce((s, a) => s + BigInt(a), 0n);
        expect(exact > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
        const tb = trialTotals([...totals.values()]);
        expect(tb).toEqual({ debitFen: exact, creditFen: exact, balanced: true });
        const tsa = totals.get('tsa')!;
        expect(normalBalance('asset', tsa.debitFen, tsa.creditFen)).toBe(exact);
      }),
      { numRuns: 20 },
    );
  });

  it('refuse any journal whose sides differ, with fewer than two lines or a bad amount', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        fc.pre(a !== b);
        expect(checkJournal([debit('tsa', a), credit('suspense', b)])).toMatchObject({
          ok: false,
          part: 'unbalanced',
        });
      }),
    );
    expect(checkJournal([debit('tsa', fen(5))])).toMatchObject({ ok: false, part: 'too_few_lines' });
    expect(checkJournal([debit('tsa', 0 as Fen), credit('suspense', 0 as Fen)])).toMatchObject({
      ok: false,
      part: 'amount',
    });
    expect(checkJournal([debit('tsa', 1.5 as Fen), credit('suspense', 1.5 as Fen)])).toMatchObject({
      ok: false,
      part: 'amount',
    });
  });

  it('sum in bigint: large amounts cannot round into a false balance', () => {
    const big = fen(Number.MAX_SAFE_INTEGER);
    const lines = [
      debit('tsa', big),
      debit('tsa', fen(2)),
      credit('suspense', big),
      credit('suspense', fen(1)),
      credit('suspense', fen(1)),
    ];
    expect(checkJournal(lines).ok).toBe(true);
    expect(checkJournal([...lines.slice(0, 4), credit('suspense', fen(2))]).ok).toBe(false);
  });
});
