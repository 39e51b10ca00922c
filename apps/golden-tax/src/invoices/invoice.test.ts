import type { MessagingTables } from '@egov/kernel/messaging';
import { databaseTargets } from '@egov/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenTax, freshCreditCode, type GoldenTaxTestApp, line, perm } from '../test.fixture.ts';
import { invoiceNumberParts } from './invoice.rules.ts';

type View = { number: string; totalFen: number; amountFen: number; status: string };

function tomorrowInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
}

describe.each(databaseTargets())('invoices on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let issuer: string;
  let seller: string;
  let buyer: string;
  const invoice = (change: Record<string, unknown> = {}) => ({
    sellerCreditCode: seller,
    buyer: { creditCode: buyer, name: '广州天河粤通进出口贸易有限公司' },
    lines: [line()],
    issuedOn: '2025-03-05',
    ...change,
  });
  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    issuer = await gt.token(perm.issue);
    seller = await gt.registered({ division: '350102', name: '福州闽江机械制造有限公司' });
    buyer = await gt.registered({ division: '440106' });
  });
  afterAll(() => gt.close());

  it('issues an e-invoice: line amounts, tax half-up to the fen, totals, a 20-digit number, an event', async () => {
    const r = await gt.call(
      'invoices.issue',
      invoice({
        lines: [
          line({ description: '数控车床', quantity: '2', unitPriceFen: 15_000_000 }),
          line({
            description: '技术咨询',
            category: 'modern-services',
            quantity: 1,
            unitPriceFen: 25,
            rate: '0.06',
          }),
          line({
            description: '大豆',
            category: 'specified-goods',
            quantity: '10.5',
            unitPriceFen: 420_000,
            rate: '0.090',
          }),
        ],
      }),
      issuer,
    );
    expect(r.status).toBe(200);
    const view = r.data as View & { lines: unknown[] };
    expect(view).toMatchObject({
      status: 'issued',
      issuedOn: '2025-03-05',
      seller: { creditCode: seller, name: '福州闽江机械制造有限公司' },
      buyer: { creditCode: buyer },
      amountFen: 34_410_025,
      taxFen: 4_296_902,
      totalFen: 38_706_927,
    });
    expect(view.lines).toEqual([
      expect.objectContaining({
        lineNo: 1,
        quantity: '2',
        rate: '0.13',
        amountFen: 30_000_000,
        taxFen: 3_900_000,
      }),
      expect.objectContaining({ lineNo: 2, quantity: '1', rate: '0.06', amountFen: 25, taxFen: 2 }),
      expect.objectContaining({
        lineNo: 3,
        quantity: '10.5',
        rate: '0.09',
        amountFen: 4_410_000,
        taxFen: 396_900,
      }),
    ]);
    expect(invoiceNumberParts(view.number)).toEqual({ year: '25', bureau: '35', channel: '1', serial: 1 });
    const events = await (gt.db as unknown as Kysely<MessagingTables>)
      .selectFrom('outbox')
      .select(['name', 'payload'])
      .execute();
    expect(events).toEqual([
      {
        name: 'golden-tax.invoice.issued.v1',
        payload: {
          number: view.number,
          sellerCreditCode: seller,
          sellerName: '福州闽江机械制造有限公司',
          buyerCreditCode: buyer,
          buyerName: '广州天河粤通进出口贸易有限公司',
          issuedOn: '2025-03-05',
          amountFen: 34_410_025,
          taxFen: 4_296_902,
          totalFen: 38_706_927,
        },
      },
    ]);
    const got = await gt.call(
      'invoices.get',
      { number: view.number },
      await gt.token(perm.readInvoice),
      'query',
    );
    expect(got.data).toEqual(view);
  });

  it('invoices a person without a credit code', async () => {
    const r = await gt.call('invoices.issue', invoice({ buyer: { name: '个人' } }), issuer);
    expect(r.data).toMatchObject({ buyer: { creditCode: null, name: '个人' } });
  });

  it('refuses a wrong rate with 400 lines.N.rate wrong_rate, writing nothing, burning no serial', async () => {
    const first = (await gt.issue(invoice())) as View;
    const before = await gt.counts();
    const wrong = await gt.call('invoices.issue', invoice({ lines: [line({ rate: '0.09' })] }), issuer);
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.issues).toEqual([
      { path: 'lines.0.rate', rule: 'wrong_rate', message: expect.stringContaining('the rate is 0.13') },
    ]);
    const second = await gt.call(
      'invoices.issue',
      invoice({ lines: [line(), line({ rate: '0.16' })] }),
      issuer,
    );
    expect(second.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'lines.1.rate', rule: 'wrong_rate' }),
    ]);
    expect(await gt.counts()).toEqual(before);
    const next = (await gt.issue(invoice())) as View;
    expect(invoiceNumberParts(next.number)!.serial).toBe(invoiceNumberParts(first.number)!.serial + 1);
  });

  it('checks the rate of the day and of the seller kind', async () => {
    expect(
      (
        await gt.call(
          'invoices.issue',
          invoice({ issuedOn: '2019-03-31', lines: [line({ rate: '0.16' })] }),
          issuer,
        )
      ).status,
    ).toBe(200);
    const cafe = await gt.registered({ kind: 'small-scale', division: '310101' });
    const ok = await gt.call(
      'invoices.issue',
      invoice({ sellerCreditCode: cafe, lines: [line({ rate: '0.03' })] }),
      issuer,
    );
    expect(ok.data).toMatchObject({ taxFen: 3_000 });
    const reduced = await gt.call(
      'invoices.issue',
      invoice({ sellerCreditCode: cafe, lines: [line({ rate: '0.01' })] }),
      issuer,
    );
    expect(reduced.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'lines.0.rate', rule: 'wrong_rate' }),
    ]);
  });

  it.each([
    [
      'an unregistered seller',
      { sellerCreditCode: freshCreditCode() },
      404,
      'sellerCreditCode',
      'not_registered',
    ],
    [
      'a bad seller code',
      { sellerCreditCode: '91350100MA2Y7K01X0' },
      400,
      'sellerCreditCode',
      'organisation_code',
    ],
    ['a date before the rate table', { issuedOn: '2018-04-30' }, 400, 'issuedOn', 'no_rate'],
    ['a date in the future', { issuedOn: tomorrowInChina() }, 400, 'issuedOn', 'in_future'],
    ['Feb 30', { issuedOn: '2025-02-30' }, 400, 'issuedOn', 'calendar_date'],
    ['no lines', { lines: [] }, 400, 'lines', 'too_small'],
    [
      'an unknown category',
      { lines: [line({ category: 'gold' })] },
      400,
      'lines.0.category',
      'invalid_value',
    ],
    ['a zero quantity', { lines: [line({ quantity: '0' })] }, 400, 'lines.0.quantity', 'format'],
    // (the rule of a type mismatch is the kernel's naming of zod's invalid_type; the path is what matters here)
    ['a float price', { lines: [line({ unitPriceFen: 1.5 })] }, 400, 'lines.0.unitPriceFen', undefined],
    ['a free line', { lines: [line({ unitPriceFen: 0 })] }, 400, 'lines.0.unitPriceFen', 'too_small'],
    ['a percent rate', { lines: [line({ rate: '13%' })] }, 400, 'lines.0.rate', 'format'],
    [
      'an amount of nothing',
      { lines: [line({ unitPriceFen: 1, quantity: '0.1' })] },
      400,
      'lines.0.quantity',
      'zero_amount',
    ],
    ['an unknown line field', { lines: [line({ discount: 1 })] }, 400, 'lines.0', 'unknown_field'],
  ])('refuses %s, writing nothing', async (_, change, status, path, rule) => {
    const before = await gt.counts();
    const r = await gt.call('invoices.issue', invoice(change), issuer);
    expect(r.status).toBe(status);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, ...(rule ? { rule } : {}) })]);
    expect(await gt.counts()).toEqual(before);
  });

  it('refuses an invoice to oneself', async () => {
    const r = await gt.call(
      'invoices.issue',
      invoice({ buyer: { creditCode: seller, name: '自己' } }),
      issuer,
    );
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'buyer.creditCode', rule: 'same_as_seller' }),
    ]);
  });

  it('gives 20 parallel issues of one year and bureau 20 distinct numbers with serials 1..20', async () => {
    const sellers = await Promise.all([0, 1, 2, 3].map(() => gt.registered({ division: '650102' })));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gt.call(
          'invoices.issue',
          invoice({ sellerCreditCode: sellers[i % 4], issuedOn: '2023-06-01' }),
          issuer,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = results.map((r) => (r.data as View).number);
    expect(new Set(numbers).size).toBe(20);
    const parts = numbers.map((n) => invoiceNumberParts(n)!);
    expect(new Set(parts.map((p) => `${p.year}${p.bureau}${p.channel}`))).toEqual(new Set(['23651']));
    expect(parts.map((p) => p.serial).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('enforces the monthly quota on amounts before VAT, per month, refusing with 409 and writing nothing', async () => {
    const small = await gt.registered();
    const quota = await gt.call(
      'taxpayers.setQuota',
      { creditCode: small, monthlyQuotaFen: 100_000 },
      await gt.token(perm.setQuota),
    );
    expect(quota.status).toBe(200);
    const issue = (unitPriceFen: number, issuedOn = '2024-07-10') =>
      gt.call(
        'invoices.issue',
        invoice({ sellerCreditCode: small, issuedOn, lines: [line({ unitPriceFen })] }),
        issuer,
      );
    expect((await issue(60_000)).status).toBe(200);
    const before = await gt.counts();
    const over = await issue(50_000);
    expect(over.status).toBe(409);
    expect(over.error?.data.issues).toEqual([
      { path: 'lines', rule: 'quota_exceeded', message: expect.stringContaining('400.00 left') },
    ]);
    expect(await gt.counts()).toEqual(before);
    expect((await issue(40_000)).status).toBe(200); // exactly the quota, tax not counted
    expect((await issue(1)).status).toBe(409);
    expect((await issue(100_000, '2024-08-01')).status).toBe(200); // a new month
    expect((await issue(100_001, '2024-09-01')).status).toBe(409); // one invoice over the whole quota
  });

  it('lets parallel issues never overshoot the quota together', async () => {
    const racer = await gt.registered();
    await gt.must('taxpayers.setQuota', { creditCode: racer, monthlyQuotaFen: 100_000 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        gt.call(
          'invoices.issue',
          invoice({ sellerCreditCode: racer, lines: [line({ unitPriceFen: 30_000 })] }),
          issuer,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
  });

  it('cancels an unclaimed invoice, gives its quota back, and refuses a second cancellation', async () => {
    const voider = await gt.registered();
    await gt.must('taxpayers.setQuota', { creditCode: voider, monthlyQuotaFen: 100_000 });
    const issued = (await gt.issue(
      invoice({ sellerCreditCode: voider, lines: [line({ unitPriceFen: 100_000 })] }),
    )) as View;
    const token = await gt.token(perm.void);
    const voided = await gt.call('invoices.void', { number: issued.number, reason: '开票信息有误' }, token);
    expect(voided.data).toMatchObject({ number: issued.number, status: 'voided' });
    expect(
      (await gt.call('invoices.void', { number: issued.number, reason: '再次' }, token)).error?.data.issues,
    ).toEqual([expect.objectContaining({ path: 'number', rule: 'already_voided' })]);
    // The quota is free again.
    expect(
      (await gt.issue(invoice({ sellerCreditCode: voider, lines: [line({ unitPriceFen: 100_000 })] })))
        .status,
    ).toBe('issued');
    const unknown = await gt.call(
      'invoices.void',
      { number: '25350000000000009999', reason: '不存在' },
      token,
    );
    expect(unknown.status).toBe(404);
  });

  it('needs a token (401) and the permission (403)', async () => {
    expect((await gt.call('invoices.issue', invoice())).status).toBe(401);
    expect((await gt.call('invoices.issue', invoice(), await gt.token(perm.readInvoice))).status).toBe(403);
  });
});
