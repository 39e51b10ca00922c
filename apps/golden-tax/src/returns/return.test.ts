import type { MessagingTables } from '@egov/kernel/messaging';
import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordImportVatCertificate } from '../inputs/input.service.ts';
import { bootGoldenTax, freshCreditCode, type GoldenTaxTestApp, line, perm } from '../test.fixture.ts';
import { markPaid } from './payment.service.ts';

describe.each(databaseTargets())('VAT returns on $name', (target) => {
  let gt: GoldenTaxTestApp;
  let filer: string;
  let seller: string;
  let buyer: string;
  let supplier: string;
  let sellerReturnId: string;
  const issue = async (
    from: string,
    to: string | undefined,
    issuedOn: string,
    change: Record<string, unknown> = {},
  ) =>
    (
      await gt.issue({
        sellerCreditCode: from,
        buyer: { ...(to ? { creditCode: to } : {}), name: '买方' },
        lines: [line(change)],
        issuedOn,
      })
    ).number as string;
  const file = (creditCode: string, period: string) => gt.call('returns.file', { creditCode, period }, filer);
  const certificate = (importer: string, certificateNo: string, vatFen: number, paidOn: string) =>
    gt.db.transaction().execute((trx) =>
      recordImportVatCertificate(
        trx,
        {
          certificateNo,
          declarationId: `D-${certificateNo}`,
          importerCreditCode: importer,
          vatFen,
          paidOn,
        },
        { by: 'test', at: new Date() },
      ),
    );

  beforeAll(async () => {
    gt = await bootGoldenTax(target);
    filer = await gt.token(perm.file);
    seller = await gt.registered();
    buyer = await gt.registered({ division: '440106' });
    supplier = await gt.registered({ division: '110108' });
    // March 2025: the seller sells 1,000,000.00 of goods (130,000.00 VAT) and 500,000.00 of services (30,000.00) …
    await issue(seller, buyer, '2025-03-05', { unitPriceFen: 100_000_000 });
    await issue(seller, undefined, '2025-03-31', {
      category: 'modern-services',
      unitPriceFen: 50_000_000,
      rate: '0.06',
    });
    // … cancels one (not counted) …
    const mistaken = await issue(seller, buyer, '2025-03-06', { unitPriceFen: 7_700_000 });
    await gt.must('invoices.void', { number: mistaken, reason: '开错了' });
    // … and deducts a supplier's invoice (9,000.00) and a customs certificate (50,000.00); April is not March.
    const bought = await issue(supplier, seller, '2025-03-10', {
      category: 'transport',
      unitPriceFen: 10_000_000,
      rate: '0.09',
    });
    await gt.must('inputs.recordInvoice', { creditCode: seller, number: bought, period: '2025-03' });
    await certificate(seller, 'C-2025-03-A', 5_000_000, '2025-03-28');
    await certificate(seller, 'C-2025-04-A', 7_000_000, '2025-04-01');
    await issue(seller, buyer, '2025-04-01', { unitPriceFen: 1_000_000 });
  });
  afterAll(() => gt.close());

  it('files output − input as payable with a payment due, and publishes the filing', async () => {
    const r = await file(seller, '2025-03');
    expect(r.status).toBe(200);
    const filed = r.data as { returnId: string };
    sellerReturnId = filed.returnId;
    expect(filed).toEqual({
      returnId: expect.any(String),
      creditCode: seller,
      period: '2025-03',
      kind: 'general',
      outputTaxFen: 16_000_000,
      inputTaxFen: 5_900_000,
      creditBroughtForwardFen: 0,
      payableFen: 10_100_000,
      creditCarriedForwardFen: 0,
      payment: {
        reference: `VAT-2025-03-${seller}`,
        amountFen: 10_100_000,
        dueOn: '2025-04-15',
        status: 'due',
        treasuryReceipt: null,
      },
    });
    const event = await (gt.db as unknown as Kysely<MessagingTables>)
      .selectFrom('outbox')
      .select('payload')
      .where('name', '=', 'golden-tax.return.filed.v1')
      .executeTakeFirstOrThrow();
    expect(event.payload).toEqual({
      returnId: sellerReturnId,
      creditCode: seller,
      period: '2025-03',
      kind: 'general',
      outputTaxFen: 16_000_000,
      inputTaxFen: 5_900_000,
      creditBroughtForwardFen: 0,
      payableFen: 10_100_000,
      creditCarriedForwardFen: 0,
      paymentDueOn: '2025-04-15',
    });
    const read = await gt.call(
      'returns.get',
      { creditCode: seller, period: '2025-03' },
      await gt.token(perm.readReturn),
      'query',
    );
    expect(read.data).toEqual(r.data);
  });

  it('allows one return per taxpayer and period (409), writing nothing', async () => {
    const before = await gt.counts();
    const again = await file(seller, '2025-03');
    expect(again.status).toBe(409);
    expect(again.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'already_filed' }),
    ]);
    expect(await gt.counts()).toEqual(before);
  });

  it('closes a filed period to new invoices, claims and cancellations', async () => {
    const invoice = await gt.call(
      'invoices.issue',
      { sellerCreditCode: seller, buyer: { name: '个人' }, lines: [line()], issuedOn: '2025-03-20' },
      await gt.token(perm.issue),
    );
    expect(invoice.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'issuedOn', rule: 'period_filed' }),
    ]);
    const late = await issue(supplier, seller, '2025-03-11');
    const claim = await gt.call(
      'inputs.recordInvoice',
      { creditCode: seller, number: late, period: '2025-03' },
      await gt.token(perm.recordInput),
    );
    expect(claim.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'period_filed' }),
    ]);
    // …though the invoice can still be deducted in an open period.
    expect(
      (
        await gt.call(
          'inputs.recordInvoice',
          { creditCode: seller, number: late, period: '2025-04' },
          await gt.token(perm.recordInput),
        )
      ).status,
    ).toBe(200);
    const [sold] = await gt.db
      .selectFrom('invoice')
      .select('number')
      .where('seller_credit_code', '=', seller)
      .where('status', '=', 'issued')
      .execute();
    const cancel = await gt.call(
      'invoices.void',
      { number: sold!.number, reason: '太晚了' },
      await gt.token(perm.void),
    );
    expect(cancel.status).toBe(409);
  });

  it('files a nil return for a month without sales or claims', async () => {
    const nil = await file(buyer, '2025-03'); // it bought in March but claimed nothing
    expect(nil.data).toMatchObject({
      outputTaxFen: 0,
      inputTaxFen: 0,
      payableFen: 0,
      creditCarriedForwardFen: 0,
      payment: null,
    });
  });

  it('carries excess input forward as credit and uses it up in later periods', async () => {
    const trader = await gt.registered({ division: '440106' });
    const purchase = await issue(seller, trader, '2025-04-02', { unitPriceFen: 1_000_000_00 }); // 130,000.00 VAT
    await gt.must('inputs.recordInvoice', { creditCode: trader, number: purchase, period: '2025-04' });
    expect((await file(trader, '2025-04')).data).toMatchObject({
      inputTaxFen: 13_000_000,
      payableFen: 0,
      creditCarriedForwardFen: 13_000_000,
    });
    await issue(trader, undefined, '2025-05-03', { unitPriceFen: 80_000_000 }); // 104,000.00 VAT
    expect((await file(trader, '2025-05')).data).toMatchObject({
      outputTaxFen: 10_400_000,
      creditBroughtForwardFen: 13_000_000,
      payableFen: 0,
      creditCarriedForwardFen: 2_600_000,
    });
    await issue(trader, undefined, '2025-07-03', { unitPriceFen: 40_000_000 }); // 52,000.00 VAT
    expect((await file(trader, '2025-07')).data).toMatchObject({
      outputTaxFen: 5_200_000,
      creditBroughtForwardFen: 2_600_000,
      payableFen: 2_600_000,
      creditCarriedForwardFen: 0,
      payment: { amountFen: 2_600_000, dueOn: '2025-08-15' },
    });
    const earlier = await file(trader, '2025-06');
    expect(earlier.status).toBe(409);
    expect(earlier.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'later_period_filed' }),
    ]);
  });

  it('makes small-scale taxpayers pay their levy on sales and deduct nothing', async () => {
    const cafe = await gt.registered({ kind: 'small-scale', division: '310101' });
    await issue(cafe, undefined, '2025-03-15', {
      category: 'life-services',
      quantity: '120',
      unitPriceFen: 3_800,
      rate: '0.03',
    });
    await certificate(cafe, 'C-CAFE-1', 10_000, '2025-03-20');
    expect((await file(cafe, '2025-03')).data).toMatchObject({
      kind: 'small-scale',
      outputTaxFen: 13_680,
      inputTaxFen: 0,
      payableFen: 13_680,
      creditCarriedForwardFen: 0,
    });
  });

  it('refuses a month not yet over, an unknown taxpayer and a malformed period', async () => {
    const thisMonth = chinaDate(new Date()).slice(0, 7);
    const r = await file(seller, thisMonth);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'period_not_ended' }),
    ]);
    expect((await file(freshCreditCode(), '2025-03')).error?.data.issues).toEqual([
      expect.objectContaining({ path: 'creditCode', rule: 'not_registered' }),
    ]);
    expect((await file(seller, '2025-13')).error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'format' }),
    ]);
  });

  describe('payment into the treasury', () => {
    it('does not pay when golden-finance cannot be reached: 503, and the payment stays due', async () => {
      const before = await gt.counts();
      const r = await gt.call(
        'returns.pay',
        { creditCode: seller, period: '2025-03' },
        await gt.token(perm.pay),
      );
      // A booted test app has no network client: the treasury call fails, and the mutation rolls back.
      expect(r.status).toBe(503);
      expect(r.error?.message).toMatch(/golden-finance/);
      expect(await gt.counts()).toEqual(before);
      const payment = await gt.db
        .selectFrom('payment')
        .select(['status', 'treasury_receipt'])
        .where('return_id', '=', sellerReturnId)
        .executeTakeFirstOrThrow();
      expect(payment).toEqual({ status: 'due', treasury_receipt: null });
    });

    it('refuses to pay a return that owes nothing or was never filed', async () => {
      const token = await gt.token(perm.pay);
      const nothing = await gt.call('returns.pay', { creditCode: buyer, period: '2025-03' }, token);
      expect(nothing.error?.data.issues).toEqual([expect.objectContaining({ rule: 'nothing_due' })]);
      expect((await gt.call('returns.pay', { creditCode: buyer, period: '2024-01' }, token)).status).toBe(
        404,
      );
    });

    it('becomes paid only with a treasury receipt (markPaid), idempotently for the same receipt', async () => {
      const receipt = { receiptId: 'R-2025-000001', receivedAt: new Date('2025-04-10T02:00:00Z') };
      const paid = await markPaid(gt.db, sellerReturnId, receipt);
      expect(paid).toEqual({
        reference: `VAT-2025-03-${seller}`,
        amountFen: 10_100_000,
        dueOn: '2025-04-15',
        status: 'paid',
        treasuryReceipt: 'R-2025-000001',
      });
      expect(await markPaid(gt.db, sellerReturnId, receipt)).toEqual(paid);
      await expect(
        markPaid(gt.db, sellerReturnId, { ...receipt, receiptId: 'R-OTHER' }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { rule: 'already_paid' },
      });
      const again = await gt.call(
        'returns.pay',
        { creditCode: seller, period: '2025-03' },
        await gt.token(perm.pay),
      );
      expect(again.error?.data.issues).toEqual([expect.objectContaining({ rule: 'already_paid' })]);
    });
  });

  it('needs a token (401) and the permission (403)', async () => {
    expect((await gt.call('returns.file', { creditCode: seller, period: '2025-05' })).status).toBe(401);
    expect(
      (
        await gt.call(
          'returns.file',
          { creditCode: seller, period: '2025-06' },
          await gt.token(perm.readReturn),
        )
      ).status,
    ).toBe(403);
  });
});
