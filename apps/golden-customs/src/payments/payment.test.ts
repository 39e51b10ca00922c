import { DomainError } from '@egov/kernel/errors';
import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeclarationViewData } from '../declarations/declaration.view.ts';
import { inTransaction } from '@egov/kernel/db';
import {
  bootGoldenCustoms,
  fakeTreasury,
  freshCreditCode,
  type GoldenCustomsTestApp,
  perm,
  workedExampleLine,
} from '../test.fixture.ts';
import { dueDate } from './payment.rules.ts';
import { payDeclaration } from './payment.service.ts';

const laptops = {
  commodityCode: '8471300000',
  description: '笔记本电脑',
  quantity: '10',
  unit: 'unit',
  value: '30000.00',
  currency: 'CNY',
  incoterm: 'CIF',
  cccCertificateNo: '2024010901234567',
};

describe.each(databaseTargets())('paying into the treasury on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  let cashier: string;
  const declared = (lines: unknown[] = [workedExampleLine]) =>
    cs.submit({ importerCreditCode: freshCreditCode(), lines });
  const recorder = () => ({ by: 'official:cashier', at: new Date() });
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
    cashier = await cs.token(perm.pay, perm.read);
  });
  afterAll(() => cs.close());

  it('registers and receives each non-zero tax under <declarationNo>-<tax>, and keeps the receipts', async () => {
    const d = await declared();
    const treasury = fakeTreasury();
    const { declaration, newlyPaid } = await cs.pay(d.id, treasury);
    const no = d.declarationNo;
    expect(newlyPaid).toBe(true);
    expect(treasury.calls).toEqual([
      `expect ${no}-customs-duty 1000000`,
      `receive ${no}-customs-duty 1000000`,
      `expect ${no}-consumption-tax 1222222`,
      `receive ${no}-consumption-tax 1222222`,
      `expect ${no}-import-vat 1588889`,
      `receive ${no}-import-vat 1588889`,
    ]);
    expect(declaration.status).toBe('paid');
    expect(declaration.receipts.map((r) => [r.tax, r.sourceReference, r.amountFen, r.status])).toEqual([
      ['customs-duty', `${no}-customs-duty`, 1_000_000, 'matched'],
      ['consumption-tax', `${no}-consumption-tax`, 1_222_222, 'matched'],
      ['import-vat', `${no}-import-vat`, 1_588_889, 'matched'],
    ]);
    expect(declaration.receipts[0]?.receiptId).toBe(
      treasury.receipts.get(`customs-duty/${no}-customs-duty`)?.id,
    );
  });

  it('sends the importer as payer and a due date 15 days after assessment', async () => {
    const d = await declared([laptops]);
    const seen: unknown[] = [];
    const treasury = fakeTreasury();
    const client = {
      expect: (item: Parameters<typeof treasury.client.expect>[0]) => {
        seen.push(item);
        return treasury.client.expect(item);
      },
      receive: treasury.client.receive,
    };
    await inTransaction(cs.db, (trx) => payDeclaration(trx, { declarationId: d.id }, client, recorder()));
    // Laptops: no duty, no consumption tax; only VAT is paid.
    expect(seen).toEqual([
      {
        source: 'import-vat',
        sourceReference: `${d.declarationNo}-import-vat`,
        payer: d.importerCreditCode,
        amountFen: 390_000,
        dueDate: dueDate(chinaDate(new Date(d.submittedAt))),
      },
    ]);
    expect(dueDate('2026-12-20')).toBe('2027-01-04');
  });

  it('answers a second payment with the first receipts and calls the treasury no more', async () => {
    const d = await declared();
    const first = await cs.pay(d.id);
    const treasury = fakeTreasury();
    const again = await cs.pay(d.id, treasury);
    expect(again.newlyPaid).toBe(false);
    expect(again.declaration.receipts).toEqual(first.declaration.receipts);
    expect(treasury.calls).toEqual([]);
    // Over HTTP too, on an app that has no network at all: nothing needs to be sent.
    const r = await cs.call('declarations.pay', { declarationId: d.id }, cashier);
    expect(r.status).toBe(200);
    expect((r.data as DeclarationViewData).receipts.map((x) => x.receiptId)).toEqual(
      first.declaration.receipts.map((x) => x.receiptId),
    );
    expect(
      (await cs.events('golden-customs.declaration.paid.v1')).some((e) => e.payload.declarationId === d.id),
    ).toBe(false);
  });

  it('marks nothing paid when the treasury refuses, and a retry completes without paying twice', async () => {
    const d = await declared();
    const books = new Map();
    const refusing = fakeTreasury({
      receipts: books,
      refuse: (call, item) =>
        call === 'receive' && item.source === 'import-vat'
          ? new DomainError('UNAVAILABLE', 'golden-finance: treasury closed')
          : undefined,
    });
    const before = await cs.counts();
    await expect(cs.pay(d.id, refusing)).rejects.toThrow(/treasury closed/);
    expect(await cs.counts()).toEqual(before);
    expect((await cs.call('declarations.get', { declarationId: d.id }, cashier, 'query')).data).toMatchObject(
      {
        status: 'submitted',
        receipts: [],
      },
    );
    // The treasury kept what it received before the refusal; the retry gets those receipts back, not new ones.
    const duty = books.get(`customs-duty/${d.declarationNo}-customs-duty`);
    const paid = await cs.pay(d.id, fakeTreasury({ receipts: books }));
    expect(paid.declaration.receipts.map((r) => r.tax)).toEqual([
      'customs-duty',
      'consumption-tax',
      'import-vat',
    ]);
    expect(paid.declaration.receipts[0]?.receiptId).toBe(duty?.id);
    expect(books.size).toBe(3);
  });

  it('refuses over HTTP a payment over or under the amount due, and cannot pay without golden-finance', async () => {
    const d = await declared();
    const before = await cs.counts();
    const over = await cs.call('declarations.pay', { declarationId: d.id, amountFen: 3_811_112 }, cashier);
    expect(over.status).toBe(400);
    expect(over.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'amountFen', rule: 'exceeds_amount_due' }),
    ]);
    const under = await cs.call('declarations.pay', { declarationId: d.id, amountFen: 100 }, cashier);
    expect(under.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'amountFen', rule: 'below_amount_due' }),
    ]);
    const negative = await cs.call('declarations.pay', { declarationId: d.id, amountFen: -1 }, cashier);
    expect(negative.status).toBe(400);
    // A bare app has no network client: finance is unavailable, and nothing is marked paid.
    const down = await cs.call('declarations.pay', { declarationId: d.id, amountFen: 3_811_111 }, cashier);
    expect(down.status).toBe(503);
    expect(await cs.counts()).toEqual(before);
    const unknown = await cs.call('declarations.pay', { declarationId: crypto.randomUUID() }, cashier);
    expect(unknown.status).toBe(404);
    expect(
      (await cs.call('declarations.pay', { declarationId: d.id }, await cs.token(perm.read))).status,
    ).toBe(403);
  });
});
