import { fen } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anHourAgo,
  bootGoldenFinance,
  creditCode,
  type GoldenFinanceTestApp,
  reference,
} from '../test.fixture.ts';
import { revenueSourceCodes } from '../treasury/sources.ts';
import { credit, debit, TSA } from './ledger.rules.ts';
import { postJournal } from './ledger.service.ts';

const payer = '91350100M000100Y43';

/** One step of a random treasury day. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('receipt' as const),
    source: fc.constantFrom(...revenueSourceCodes),
    amount: fc.integer({ min: 1, max: 3_000_000 }),
    expected: fc.constantFrom('match', 'none', 'other-amount'),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    method: fc.constantFrom('direct', 'authorised'),
    amount: fc.integer({ min: 1, max: 4_000_000 }),
    outcome: fc.constantFrom('execute', 'reject', 'leave'),
  }),
  fc.record({ kind: fc.constant('resolve' as const) }),
);

describe.each(databaseTargets())('treasury ledger on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('stays balanced, and agrees with a model of the treasury, over any sequence of receipts, payments and resolutions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const unit = await gf.unit();
        const line = await gf.appropriation(unit, 10_000_000);
        const accounts = [
          'tsa',
          'suspense',
          `expenditure.${unit}`,
          ...revenueSourceCodes.map((s) => `revenue.${s}`),
        ];
        const start = Object.fromEntries(
          await Promise.all(accounts.map(async (a) => [a, await gf.balance(a)])),
        );
        const model: Record<string, number> = Object.fromEntries(accounts.map((a) => [a, 0]));
        let remaining = 10_000_000;
        const suspended: { id: string; source: string; amount: number }[] = [];

        for (const s of steps) {
          if (s.kind === 'receipt') {
            const item = { source: s.source, sourceReference: reference('P'), payer, amountFen: s.amount };
            if (s.expected !== 'none') {
              const amountFen = s.expected === 'match' ? s.amount : s.amount + 1;
              await gf.ok('treasury.expect', { ...item, amountFen, dueDate: '2026-12-31' }, gf.as.customs);
            }
            const r = await gf.ok<{ id: string; status: string }>(
              'treasury.receive',
              { ...item, receivedAt: anHourAgo() },
              gf.as.customs,
            );
            expect(r.status).toBe(s.expected === 'match' ? 'matched' : 'suspense');
            model.tsa! += s.amount;
            if (r.status === 'matched') model[`revenue.${s.source}`]! += s.amount;
            else {
              model.suspense! += s.amount;
              suspended.push({ id: r.id, source: s.source, amount: s.amount });
            }
          } else if (s.kind === 'payment') {
            const r = await gf.call(
              'payments.request',
              gf.paymentInput(unit, line, s.amount, s.method),
              gf.as.accountant,
            );
            expect(r.status).toBe(s.amount <= remaining ? 200 : 409);
            if (r.status !== 200) continue;
            remaining -= s.amount;
            const paymentId = (r.data as { id: string }).id;
            if (s.outcome === 'leave') continue;
            if (s.outcome === 'reject') {
              await gf.ok('payments.reject', { paymentId, reason: 'property test' }, gf.as.reviewer);
              remaining += s.amount;
              continue;
            }
            await gf.ok('payments.approve', { paymentId }, gf.as.reviewer);
            await gf.ok('payments.execute', { paymentId }, gf.as.clerk);
            model.tsa! -= s.amount;
            model[`expenditure.${unit}`]! += s.amount;
          } else {
            const oldest = suspended.shift();
            if (!oldest) continue;
            const expected = await gf.ok<{ id: string }>(
              'treasury.expect',
              {
                source: oldest.source,
                sourceReference: reference('FIX'),
                payer,
                amountFen: oldest.amount,
                dueDate: '2026-12-31',
              },
              gf.as.customs,
            );
            await gf.ok(
              'treasury.resolveSuspense',
              { receiptId: oldest.id, expectedItemId: expected.id, note: 'identified' },
              gf.as.treasury,
            );
            model.suspense! -= oldest.amount;
            model[`revenue.${oldest.source}`]! += oldest.amount;
          }
        }

        for (const a of accounts) expect(await gf.balance(a), a).toBe(start[a] + model[a]!);
        const tb = await gf.trialBalance();
        expect(tb.balanced).toBe(true);
        expect(tb.totalDebitFen).toBe(tb.totalCreditFen);
        for (const zba of tb.accounts.filter((a) => a.code.startsWith('zba.')))
          expect(zba.balanceFen, zba.code).toBe('0');
        expect(
          (
            await gf.ok<{ remainingFen: number }>(
              'appropriations.get',
              { id: line },
              gf.as.accountant,
              'query',
            )
          ).remainingFen,
        ).toBe(remaining);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses at commit a journal that does not balance, even written past the rules', async () => {
    const before = await gf.counts();
    const unbalanced = gf.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('journal')
        .values({
          kind: 'adjustment',
          reference: 'test:unbalanced',
          memo: 'x',
          business_date: '2026-11-20',
          posted_at: new Date(),
          posted_by: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('journal_line')
        .values([
          { journal_id: id, account_code: TSA, side: 'debit', amount: 100 },
          { journal_id: id, account_code: 'suspense', side: 'credit', amount: 99 },
        ])
        .execute();
    });
    await expect(unbalanced).rejects.toMatchObject({ code: '23514' });
    const lonely = gf.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('journal')
        .values({
          kind: 'adjustment',
          reference: 'test:empty',
          memo: 'x',
          business_date: '2026-11-20',
          posted_at: new Date(),
          posted_by: 'test',
        })
        .execute();
    });
    await expect(lonely).rejects.toThrow(/does not balance: 0 line/);
    expect(await gf.counts()).toEqual(before);
  });

  it('never edits or deletes a posted line: corrections are new journals', async () => {
    await gf.ok(
      'treasury.receive',
      {
        source: 'non-tax',
        sourceReference: reference('E'),
        payer: creditCode(5, '9'),
        amountFen: 10,
        receivedAt: anHourAgo(),
      },
      gf.as.tax,
    );
    await expect(gf.db.updateTable('journal_line').set({ amount: 1 }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(gf.db.deleteFrom('journal').execute()).rejects.toThrow(/append-only/);
  });

  it('refuses to post an unbalanced draft before it reaches the database', async () => {
    const before = await gf.counts();
    const draft = {
      kind: 'adjustment' as const,
      reference: 'test:draft',
      memo: 'x',
      businessDate: '2026-11-20',
      lines: [debit(TSA, fen(5)), credit('suspense', fen(4))],
    };
    await expect(postJournal(gf.db, draft, { by: 'test', at: new Date() })).rejects.toThrow(
      /debits 5 fen do not equal credits 4 fen/,
    );
    expect(await gf.counts()).toEqual(before);
  });

  it('answers 404 for an account not in the chart and 400 for a bad date', async () => {
    const unknown = await gf.call(
      'ledger.accountBalance',
      { account: 'petty-cash' },
      gf.as.treasury,
      'query',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.error?.data.issues?.[0]).toMatchObject({ path: 'account', rule: 'unknown_account' });
    const bad = await gf.call('ledger.trialBalance', { asOf: '2026-13-01' }, gf.as.treasury, 'query');
    expect(bad.error?.data.issues?.[0]).toMatchObject({ path: 'asOf', rule: 'calendar_date' });
  });
});
