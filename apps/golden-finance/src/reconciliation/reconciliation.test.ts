import { chinaDate, fen } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credit, debit, SUSPENSE, TSA } from '../ledger/ledger.rules.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import { anHourAgo, bootGoldenFinance, type GoldenFinanceTestApp, reference } from '../test.fixture.ts';

type Report = {
  tsa: {
    ledgerFen: string;
    receiptsFen: string;
    paymentsFen: string;
    expectedFen: string;
    differenceFen: string;
  };
  /** Amounts are exact decimal strings of fen. */
  differences: { kind: string; reference: string; amountFen: string }[];
  reconciled: boolean;
};

const today = () => chinaDate(new Date());
const daysAgo = (n: number) => chinaDate(new Date(Date.now() - n * 86_400_000));
const payer = '91350100M000100Y43';

describe.each(databaseTargets())('reconciliation on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  const run = (date = today()) => gf.ok<Report>('reconciliation.run', { date }, gf.as.treasury);
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('reconciles an empty treasury', async () => {
    expect(await run()).toMatchObject({
      tsa: { ledgerFen: '0', receiptsFen: '0', paymentsFen: '0', expectedFen: '0', differenceFen: '0' },
      differences: [],
      reconciled: true,
    });
  });

  it('agrees the TSA with receipts minus payments, and lists what is in suspense or unpaid after its due date', async () => {
    const matched = { source: 'customs-duty', sourceReference: reference('M'), payer, amountFen: 600_000 };
    await gf.ok('treasury.expect', { ...matched, dueDate: today() }, gf.as.customs);
    await gf.ok('treasury.receive', { ...matched, receivedAt: anHourAgo() }, gf.as.customs);
    const unpaid = await gf.ok<{ id: string }>(
      'treasury.expect',
      {
        source: 'import-vat',
        sourceReference: reference('U'),
        payer,
        amountFen: 90_000,
        dueDate: daysAgo(2),
      },
      gf.as.customs,
    );
    const parked = await gf.ok<{ id: string }>(
      'treasury.receive',
      {
        source: 'non-tax',
        sourceReference: reference('S'),
        payer,
        amountFen: 40_000,
        receivedAt: anHourAgo(),
      },
      gf.as.tax,
    );
    const unit = await gf.unit();
    await gf.pay(unit, await gf.appropriation(unit, 1_000_000), 150_000, 'authorised');

    const report = await run();
    expect(report.tsa).toEqual({
      ledgerFen: '490000',
      receiptsFen: '640000',
      paymentsFen: '150000',
      expectedFen: '490000',
      differenceFen: '0',
    });
    expect(report.differences).toEqual([
      expect.objectContaining({
        kind: 'receipt_in_suspense',
        reference: `receipt:${parked.id}`,
        amountFen: '40000',
      }),
      expect.objectContaining({
        kind: 'expected_unpaid',
        reference: `expected-item:${unpaid.id}`,
        amountFen: '90000',
      }),
    ]);
    expect(report.reconciled).toBe(false);
    // The day before it all: nothing had happened yet, and the unpaid item was not yet due.
    expect(await run(daysAgo(3))).toMatchObject({
      tsa: { ledgerFen: '0', receiptsFen: '0' },
      differences: [],
      reconciled: true,
    });
  });

  it('finds a TSA posting no receipt or payment explains', async () => {
    // A hand-made journal, balanced (the database would refuse anything else) but backed by no document.
    await gf.db.transaction().execute((trx) =>
      postJournal(
        trx,
        {
          kind: 'adjustment',
          reference: 'manual:1',
          memo: 'unexplained',
          businessDate: today(),
          lines: [debit(TSA, fen(123)), credit(SUSPENSE, fen(123))],
        },
        { by: 'test', at: new Date() },
      ),
    );
    const report = await run();
    expect(report.tsa.differenceFen).toBe('123');
    expect(report.differences[0]).toMatchObject({
      kind: 'tsa_balance',
      reference: 'account:tsa',
      amountFen: '123',
    });
  });

  it('keeps every run, and refuses a day that has not begun', async () => {
    const runs = (await gf.counts()).reconciliation_run;
    await run();
    expect((await gf.counts()).reconciliation_run).toBe(runs! + 1);
    const future = await gf.call(
      'reconciliation.run',
      { date: chinaDate(new Date(Date.now() + 2 * 86_400_000)) },
      gf.as.treasury,
    );
    expect(future.status).toBe(400);
    expect(future.error?.data.issues).toEqual([expect.objectContaining({ path: 'date', rule: 'in_future' })]);
    expect((await gf.call('reconciliation.run', { date: today() }, gf.as.clerk)).status).toBe(403);
  });
});
