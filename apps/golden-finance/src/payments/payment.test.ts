import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenFinance, type GoldenFinanceTestApp, PAYEE_CARD, perm } from '../test.fixture.ts';

type PaymentView = {
  id: string;
  status: string;
  journalIds: number[];
  payee: { account: string };
  budgetUnit: string;
  requestedAt: string;
};

describe.each(databaseTargets())('payments on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  let unit: string;
  let other: string;
  let line: string;
  let otherLine: string;
  const remaining = async (id: string) =>
    (await gf.ok<{ remainingFen: number }>('appropriations.get', { id }, gf.as.accountant, 'query'))
      .remainingFen;
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
    unit = await gf.unit('市教委');
    other = await gf.unit('市卫健委');
    line = await gf.appropriation(unit, 1_000_000);
    otherLine = await gf.appropriation(other, 1_000_000);
  });
  afterAll(() => gf.close());

  it('requests a direct payment: reserves the amount, shows the payee account masked, books nothing yet', async () => {
    const r = await gf.call('payments.request', gf.paymentInput(unit, line, 300_000), gf.as.accountant);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      budgetUnit: unit,
      appropriationId: line,
      method: 'direct',
      payee: { name: '北京测试供应商有限公司', account: '622202*********6789', bank: '中国工商银行' },
      amountFen: 300_000,
      status: 'requested',
      requestedBy: 'official:unit-accountant',
      executedAt: null,
      journalIds: [],
    });
    expect(await remaining(line)).toBe(700_000);
  });

  it('approves and executes it: expenditure booked through the finance ZBA, cleared to the TSA the same day', async () => {
    const tsaBefore = await gf.balance('tsa');
    const requested = await gf.ok<PaymentView>(
      'payments.request',
      gf.paymentInput(unit, line, 100_000),
      gf.as.accountant,
    );
    const approved = await gf.ok<PaymentView>(
      'payments.approve',
      { paymentId: requested.id, note: '合同与发票齐全' },
      gf.as.reviewer,
    );
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'official:reviewer',
      decisionNote: '合同与发票齐全',
    });
    const executed = await gf.ok<PaymentView>('payments.execute', { paymentId: requested.id }, gf.as.clerk);
    expect(executed).toMatchObject({
      status: 'executed',
      businessDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(executed.journalIds).toHaveLength(2);
    expect(await gf.balance(`expenditure.${unit}`)).toBe(100_000);
    expect(await gf.balance('zba.finance')).toBe(0);
    expect(await gf.balance('tsa')).toBe(tsaBefore - 100_000);
    const appropriation = await gf.ok('appropriations.get', { id: line }, gf.as.accountant, 'query');
    expect(appropriation).toMatchObject({
      committedFen: 400_000,
      executedFen: 100_000,
      remainingFen: 600_000,
    });
  });

  it("pays an authorised payment out of the unit's own zero-balance account, cleared the same day", async () => {
    const paid = await gf.pay(other, otherLine, 250_000, 'authorised');
    expect(paid.status).toBe('executed');
    expect(await gf.balance(`expenditure.${other}`)).toBe(250_000);
    expect(await gf.balance(`zba.${other}`)).toBe(0);
    const tb = await gf.trialBalance();
    expect(tb.balanced).toBe(true);
    expect(tb.totalDebitFen).toBe(tb.totalCreditFen);
  });

  it('refuses a request above the remaining appropriation with 409 naming what remains, writing nothing', async () => {
    const left = await remaining(line);
    const before = await gf.counts();
    const r = await gf.call('payments.request', gf.paymentInput(unit, line, left + 1), gf.as.accountant);
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'amountFen', rule: 'exceeds_appropriation' });
    expect(r.error?.message).toContain(`remaining appropriation of 6000.00 yuan (${left} fen)`);
    expect(await gf.counts()).toEqual(before);
    // Exactly the remainder still fits.
    expect(
      (await gf.call('payments.request', gf.paymentInput(unit, line, left), gf.as.accountant)).status,
    ).toBe(200);
    expect(await remaining(line)).toBe(0);
  });

  it('gives the reservation back when a request is rejected, and a rejected request cannot be executed', async () => {
    const requested = await gf.ok<PaymentView>(
      'payments.request',
      gf.paymentInput(other, otherLine, 50_000),
      gf.as.accountant,
    );
    const before = await remaining(otherLine);
    const rejected = await gf.ok<PaymentView>(
      'payments.reject',
      { paymentId: requested.id, reason: '发票缺失' },
      gf.as.reviewer,
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '发票缺失' });
    expect(await remaining(otherLine)).toBe(before + 50_000);
    const late = await gf.call('payments.execute', { paymentId: requested.id }, gf.as.clerk);
    expect(late.status).toBe(409);
    expect(late.error?.data.issues?.[0]).toMatchObject({ path: 'paymentId', rule: 'invalid_transition' });
  });

  it('refuses to execute an unapproved request, to pay twice, and the requester approving their own', async () => {
    const requested = await gf.ok<PaymentView>(
      'payments.request',
      gf.paymentInput(other, otherLine, 10_000),
      gf.as.accountant,
    );
    expect((await gf.call('payments.execute', { paymentId: requested.id }, gf.as.clerk)).error?.message).toBe(
      'a requested payment cannot be executed',
    );
    const both = await gf.official('unit-accountant', perm.approvePayment);
    const own = await gf.call('payments.approve', { paymentId: requested.id }, both);
    expect(own.status).toBe(403);
    expect(own.error?.data.issues?.[0]).toMatchObject({ rule: 'separation_of_duties' });
    await gf.ok('payments.approve', { paymentId: requested.id }, gf.as.reviewer);
    await gf.ok('payments.execute', { paymentId: requested.id }, gf.as.clerk);
    const before = await gf.counts();
    const twice = await gf.call('payments.execute', { paymentId: requested.id }, gf.as.clerk);
    expect(twice.status).toBe(409);
    expect(await gf.counts()).toEqual(before);
  });

  it('lets exactly one of two simultaneous executions of a payment through', async () => {
    const requested = await gf.ok<PaymentView>(
      'payments.request',
      gf.paymentInput(other, otherLine, 20_000),
      gf.as.accountant,
    );
    await gf.ok('payments.approve', { paymentId: requested.id }, gf.as.reviewer);
    const results = await Promise.all(
      [1, 2].map(() => gf.call('payments.execute', { paymentId: requested.id }, gf.as.clerk)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const payment = await gf.ok<PaymentView>('payments.get', { id: requested.id }, gf.as.clerk, 'query');
    expect(payment.journalIds).toHaveLength(2);
  });

  it.each([
    ['a negative amount', { amountFen: -1 }, 'amountFen', 'positive'],
    ['a non-integer amount', { amountFen: 99.99 }, 'amountFen', 'integer_fen'],
    ['an unknown budget unit', { budgetUnit: '999999' }, 'budgetUnit', 'unknown_budget_unit'],
    [
      'an appropriation of another unit',
      { appropriationId: 'OF_ANOTHER_UNIT' },
      'appropriationId',
      'other_budget_unit',
    ],
    [
      'an unknown appropriation',
      { appropriationId: '00000000-0000-4000-8000-000000000000' },
      'appropriationId',
      'unknown_appropriation',
    ],
    ['a malformed appropriation id', { appropriationId: 'abc' }, 'appropriationId', 'invalid_format'],
    [
      'a card failing Luhn',
      { payee: { name: 'x', account: `${PAYEE_CARD.slice(0, -1)}0`, bank: 'y' } },
      'payee.account',
      'check_digit',
    ],
    [
      'a card too short',
      { payee: { name: 'x', account: '622202100112', bank: 'y' } },
      'payee.account',
      'length',
    ],
    ['an unknown method', { method: 'cash' }, 'method', 'invalid_value'],
    [
      'an unknown payee field',
      { payee: { name: 'x', account: PAYEE_CARD, bank: 'y', iban: 'z' } },
      'payee',
      'unknown_field',
    ],
    ['an unknown field', { urgent: true }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await gf.counts();
    const input: Record<string, unknown> = { ...gf.paymentInput(other, otherLine, 1_000), ...change };
    if (input.appropriationId === 'OF_ANOTHER_UNIT') input.appropriationId = line; // the first unit's line
    const r = await gf.call('payments.request', input, gf.as.accountant);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gf.counts()).toEqual(before);
  });

  it("lists a unit's payments in request order, accounts masked, within the caller's scope", async () => {
    const listed = await gf.ok<PaymentView[]>('payments.list', { budgetUnit: other }, gf.as.clerk, 'query');
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((p) => p.budgetUnit === other && !p.payee.account.includes(PAYEE_CARD))).toBe(true);
    const times = listed.map((p) => p.requestedAt);
    expect([...times].sort()).toEqual(times);
    expect(
      await gf.ok<PaymentView[]>(
        'payments.list',
        { budgetUnit: other, fiscalYear: 2001 },
        gf.as.clerk,
        'query',
      ),
    ).toEqual([]);
  });

  it('needs a token (401) and the permission (403)', async () => {
    const input = gf.paymentInput(unit, line, 1);
    expect((await gf.call('payments.request', input)).status).toBe(401);
    expect((await gf.call('payments.request', input, gf.as.reviewer)).status).toBe(403);
    expect((await gf.call('payments.get', { id: line }, gf.as.treasury, 'query')).status).toBe(403);
  });
});
