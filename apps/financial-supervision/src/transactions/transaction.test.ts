import { addWorkingDays, chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootFs,
  csv,
  type FsTestApp,
  freshCreditCode,
  freshResidentId,
  perm,
  registered,
  row,
} from '../test.fixture.ts';
import { MAX_ROWS_PER_FILE } from './transaction.rules.ts';

type Submitted = {
  batchId: number;
  rowsRead: number;
  rowsAccepted: number;
  rowsRefused: number;
  errors: { line: number; field: string; rule: string }[];
  largeValueReports: number;
};

describe.each(databaseTargets())('transaction files and large-value reports on $name', (target) => {
  let app: FsTestApp;
  let analyst: string;
  let bank: string;
  const submit = async (content: string, format: 'csv' | 'jsonl' = 'csv', institution = bank) => {
    const r = await app.call('transactions.submit', { institution, format, content }, analyst);
    return r;
  };
  const ok = async (content: string, format: 'csv' | 'jsonl' = 'csv', institution = bank) => {
    const r = await submit(content, format, institution);
    expect(r.status, r.error?.message).toBe(200);
    return r.data as Submitted;
  };
  const reports = async (institution = bank, token = analyst) => {
    const r = await app.call('transactions.largeValue', { institution, limit: 1000 }, token, 'query');
    expect(r.status, r.error?.message).toBe(200);
    return r.data as {
      customerId: string;
      customerType: string;
      category: string;
      currency: string;
      direction: string;
      totalMinor: string;
      transactions: number;
      bookedOn: string;
      dueOn: string;
      overdue: boolean;
    }[];
  };

  beforeAll(async () => {
    app = await bootFs(target);
    analyst = await app.token(perm.submit, perm.readTransactions, perm.reveal);
    bank = await registered(app);
  });
  afterAll(() => app.close());

  it('keeps the good rows, reports each bad one with its line, field and rule', async () => {
    const person = freshResidentId();
    const badId = `${person.slice(0, 17)}${person[17] === '0' ? '1' : '0'}`;
    const result = await ok(
      csv([
        row({ customer_id: person }),
        row({ currency: 'EUR' }),
        row({ amount_minor: '1250.5' }),
        row({ amount_minor: '-5' }),
        row({ amount_minor: '0' }),
        row({ amount_minor: '10000000000001' }),
        row({ customer_id: badId }),
        row({ customer_type: 'organisation', customer_id: 'NOT-A-CODE-AT-ALL' }),
        row({ booked_on: '2025-02-30' }),
        row({ booked_on: '2999-01-01' }),
        row({ kind: 'cash', cross_border: 'true' }),
        row({ direction: 'sideways' }),
        row(),
      ]) + '\nT1,too,few,fields',
    );
    expect(result.rowsRead).toBe(14);
    expect(result.rowsAccepted).toBe(2);
    expect(result.errors.map((e) => [e.line, e.field, e.rule])).toEqual([
      [3, 'currency', 'unsupported_currency'],
      [4, 'amount_minor', 'integer_minor_unit'],
      [5, 'amount_minor', 'format'],
      [6, 'amount_minor', 'positive'],
      [7, 'amount_minor', 'max_amount'],
      [8, 'customer_id', 'check_digit'],
      [9, 'customer_id', 'length'],
      [10, 'booked_on', 'invalid_date'],
      [11, 'booked_on', 'in_future'],
      [12, 'cross_border', 'cash_not_cross_border'],
      [13, 'direction', 'enum'],
      [15, '(row)', 'columns'],
    ]);
  });

  it('aggregates per customer per day, one-sided, and reports at the threshold inclusive (article 5)', async () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(() => freshResidentId());
    const org = freshCreditCode();
    const day = '2025-06-03';
    const result = await ok(
      csv([
        // (3) individual domestic transfers out: 300,000 + 200,000 = 500,000.00 CNY: reported.
        row({ customer_id: a, amount_minor: '30000000', booked_on: day }),
        row({ customer_id: a, amount_minor: '20000000', booked_on: day }),
        // money in and money out are counted apart: 300,000 in + 200,000 out: nothing.
        row({ customer_id: b, amount_minor: '30000000', direction: 'in', booked_on: day }),
        row({ customer_id: b, amount_minor: '20000000', booked_on: day }),
        // one fen under: nothing.
        row({ customer_id: c, amount_minor: '49999999', booked_on: day }),
        // (1) cash: 49,999.99 + 0.01 = 50,000.00 CNY: reported; USD 10,000.00 cash: reported.
        row({ customer_id: d, kind: 'cash', amount_minor: '4999999', booked_on: day }),
        row({ customer_id: d, kind: 'cash', amount_minor: '1', booked_on: day }),
        row({ customer_id: d, kind: 'cash', currency: 'USD', amount_minor: '1000000', booked_on: day }),
        // (4) individual cross-border: CNY 200,000.00 reported; the same on another day counts apart.
        row({ customer_id: e, cross_border: 'true', amount_minor: '20000000', booked_on: day }),
        row({ customer_id: e, cross_border: 'true', amount_minor: '19999999', booked_on: '2025-06-04' }),
        // (2) organisations: CNY 2,000,000.00 reported, USD 199,999.99 not.
        row({
          customer_type: 'organisation',
          customer_id: org,
          customer_name: '某公司',
          amount_minor: '200000000',
          booked_on: day,
        }),
        row({
          customer_type: 'organisation',
          customer_id: org,
          customer_name: '某公司',
          currency: 'USD',
          amount_minor: '19999999',
          booked_on: day,
        }),
      ]),
    );
    expect(result).toMatchObject({ rowsAccepted: 12, rowsRefused: 0, largeValueReports: 5 });
    const mine = (await reports()).filter((r) => [a, b, c, d, e, org].includes(r.customerId));
    expect(
      mine
        .map((r) => [r.customerId, r.category, r.currency, r.direction, r.totalMinor, r.transactions])
        .sort(),
    ).toEqual(
      [
        [a, 'individual_domestic', 'CNY', 'out', '50000000', 2],
        [d, 'cash', 'CNY', 'out', '5000000', 2],
        [d, 'cash', 'USD', 'out', '1000000', 1],
        [e, 'individual_cross_border', 'CNY', 'out', '20000000', 1],
        [org, 'org_transfer', 'CNY', 'out', '200000000', 1],
      ].sort(),
    );
    // Due 5 working days after the day (2025-06-03 + 5 = 2025-06-10), received long after: overdue.
    expect(mine.every((r) => r.dueOn === addWorkingDays(day, 5) && r.overdue)).toBe(true);
    expect(addWorkingDays(day, 5)).toBe('2025-06-10');
  });

  it('reports a total reached across files once, with the later rows added, on time when it is', async () => {
    const person = freshResidentId();
    const today = chinaDate(new Date());
    const first = await ok(csv([row({ customer_id: person, amount_minor: '40000000', booked_on: today })]));
    expect(first.largeValueReports).toBe(0);
    const second = await ok(csv([row({ customer_id: person, amount_minor: '10000000', booked_on: today })]));
    expect(second.largeValueReports).toBe(1);
    const third = await ok(csv([row({ customer_id: person, amount_minor: '5', booked_on: today })]));
    expect(third.largeValueReports).toBe(0);
    const mine = (await reports()).filter((r) => r.customerId === person);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      totalMinor: '50000005',
      transactions: 3,
      overdue: false,
      dueOn: addWorkingDays(today, 5),
    });
  });

  it('refuses a transaction id seen before, in the file or in an earlier file', async () => {
    const dup = row();
    const first = await ok(csv([dup, { ...dup }]));
    expect(first.errors).toEqual([expect.objectContaining({ line: 3, field: 'txn_id', rule: 'duplicate' })]);
    const again = await ok(csv([row(), dup]));
    expect(again.rowsAccepted).toBe(1);
    expect(again.errors).toEqual([expect.objectContaining({ line: 3, field: 'txn_id', rule: 'duplicate' })]);
  });

  it('reads JSON Lines, refusing a broken line and an unknown field by line', async () => {
    const lines = [
      JSON.stringify(row()),
      '{not json',
      JSON.stringify({ ...row(), note: 'x' }),
      JSON.stringify(row({ amount_minor: '7.00' })),
    ];
    const result = await ok(lines.join('\n'), 'jsonl');
    expect(result.rowsAccepted).toBe(1);
    expect(result.errors.map((e) => [e.line, e.field, e.rule])).toEqual([
      [2, '(row)', 'json'],
      [3, 'note', 'unknown_field'],
      [4, 'amount_minor', 'integer_minor_unit'],
    ]);
  });

  it('masks individual customers’ IDs unless the caller may reveal them', async () => {
    const reader = await app.token(perm.readTransactions);
    const masked = await reports(bank, reader);
    expect(masked.length).toBeGreaterThan(0);
    for (const r of masked.filter((x) => x.customerType === 'individual'))
      expect(r.customerId).toContain('*');
  });

  it.each([
    ['a wrong header', () => `txn,customer\n${row().txn_id},x`, 'header'],
    ['no rows', () => csv([]), 'empty'],
    ['too many rows', () => csv(Array.from({ length: MAX_ROWS_PER_FILE + 1 }, () => row())), 'max_rows'],
  ])('refuses %s whole (400 content), writing nothing', async (_what, content, rule) => {
    const before = await app.counts();
    const r = await submit(content());
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'content', rule })]);
    expect(await app.counts()).toEqual(before);
  });

  it('refuses an unknown or revoked institution, writing nothing', async () => {
    const before = await app.counts();
    const unknown = await submit(csv([row()]), 'csv', freshCreditCode());
    expect(unknown.status).toBe(404);
    const revoked = await registered(app);
    await app.call(
      'institutions.setStatus',
      { creditCode: revoked, status: 'revoked' },
      await app.token(perm.register),
    );
    const mid = await app.counts();
    const r = await submit(csv([row()]), 'csv', revoked);
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'institution', rule: 'revoked' });
    expect(await app.counts()).toEqual(mid);
    expect(mid.transaction_record).toBe(before.transaction_record);
  });

  it('holds the row limit in a tRPC batch and in parallel', async () => {
    const before = await app.counts();
    const over = csv(Array.from({ length: MAX_ROWS_PER_FILE + 1 }, () => row()));
    // Two files in one tRPC batch: mutations are not batched, the whole batch is refused before any runs.
    const batch = await app.app.hono.request('/trpc/transactions.submit,transactions.submit?batch=1', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${analyst}`,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        0: { institution: bank, format: 'csv', content: csv([row()]) },
        1: { institution: bank, format: 'csv', content: csv([row()]) },
      }),
    });
    expect(batch.status).toBe(400);
    // Over-limit files sent at once: each refused; within-limit files sent at once: each taken, totals exact.
    const refused = await Promise.all([1, 2, 3].map(() => submit(over)));
    expect(refused.map((r) => r.error?.data.issues?.[0]?.rule)).toEqual(['max_rows', 'max_rows', 'max_rows']);
    expect(await app.counts()).toEqual(before);
    const person = freshResidentId();
    const today = chinaDate(new Date());
    const taken = await Promise.all(
      [1, 2, 3, 4].map(() =>
        submit(csv([row({ customer_id: person, amount_minor: '12500000', booked_on: today })])),
      ),
    );
    expect(taken.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(taken.reduce((n, r) => n + (r.data as Submitted).largeValueReports, 0)).toBe(1);
    const mine = (await reports()).filter((r) => r.customerId === person);
    expect(mine).toEqual([expect.objectContaining({ totalMinor: '50000000', transactions: 4 })]);
  });
});
