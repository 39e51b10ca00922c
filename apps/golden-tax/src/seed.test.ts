import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PERIOD, demoInvoiceNumbers, demoTaxpayers, seedGoldenTax } from './seed.ts';
import { bootGoldenTax, type GoldenTaxTestApp, perm } from './test.fixture.ts';

describe.each(databaseTargets())('seed on $name', (target) => {
  let gt: GoldenTaxTestApp;
  beforeAll(async () => {
    gt = await bootGoldenTax(target);
  });
  afterAll(() => gt.close());

  it('loads taxpayers, invoices, claims and one return once: a second run writes nothing', async () => {
    await seedGoldenTax(gt.app.database, silentLogger());
    const first = await gt.counts();
    expect(first).toMatchObject({
      taxpayer: 4,
      invoice: 4,
      input_credit: 3,
      vat_return: 1,
      payment: 1,
      outbox: 5, // four invoices issued, one return filed
    });
    await seedGoldenTax(gt.app.database, silentLogger());
    expect(await gt.counts()).toEqual(first);
  });

  it('files the machinery maker’s March return: output 39,000.00 − input 10,869.00', async () => {
    const r = await gt.call(
      'returns.get',
      { creditCode: demoTaxpayers.machinery.creditCode, period: DEMO_PERIOD },
      await gt.token(perm.readReturn),
      'query',
    );
    expect(r.data).toMatchObject({
      outputTaxFen: 3_900_000,
      inputTaxFen: 480_000 + 396_900 + 65_000,
      payableFen: 3_900_000 - 941_900,
      payment: { status: 'due', dueOn: '2025-04-15' },
    });
  });

  it('issues demo invoices anyone can verify', async () => {
    const numbers = await demoInvoiceNumbers(gt.db);
    expect(numbers.every((n) => n && /^25\d{18}$/.test(n))).toBe(true);
    const cafe = await gt.call(
      'invoices.verify',
      { number: numbers[2], totalFen: 456_000 + 13_680 },
      undefined,
      'query',
    );
    expect(cafe.data).toEqual({
      valid: true,
      issuedOn: '2025-03-15',
      sellerName: '上海黄浦晨光咖啡馆',
      status: 'issued',
    });
  });
});
