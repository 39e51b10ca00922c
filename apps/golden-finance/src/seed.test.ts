import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FISCAL_YEAR, demoPayments, demoUnits, seedGoldenFinance } from './seed.ts';
import { bootGoldenFinance, type GoldenFinanceTestApp } from './test.fixture.ts';

describe.each(databaseTargets())('seed on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('loads the demo treasury once: a second run writes nothing', async () => {
    await seedGoldenFinance(gf.app.database, silentLogger());
    const first = await gf.counts();
    expect(first).toMatchObject({
      budget_unit: 3,
      appropriation: 5,
      payment: 2,
      expected_item: 1,
      receipt: 2,
      // one executed payment (payment + clearing) and two receipts
      journal: 4,
      journal_line: 8,
    });
    await seedGoldenFinance(gf.app.database, silentLogger());
    expect(await gf.counts()).toEqual(first);
  });

  it('leaves one payment executed, one waiting, one receipt matched, one in suspense, and balanced books', async () => {
    const units = await Promise.all(
      demoUnits.map((u) =>
        gf.ok<{ name: string }>('budgetUnits.get', { code: u.code }, gf.as.budget, 'query'),
      ),
    );
    expect(units.map((u) => u.name)).toEqual(demoUnits.map((u) => u.name));
    const lines = await gf.ok<
      { economicClass: { code: string }; executedFen: number; committedFen: number }[]
    >('appropriations.list', { budgetUnit: '201001', fiscalYear: DEMO_FISCAL_YEAR }, gf.as.budget, 'query');
    expect(lines.find((l) => l.economicClass.code === '302')).toMatchObject({
      executedFen: demoPayments[0].amountFen,
      committedFen: demoPayments[0].amountFen,
    });
    const statuses = await gf.db
      .selectFrom('payment')
      .select(['method', 'status'])
      .orderBy('method')
      .execute();
    expect(statuses).toEqual([
      { method: 'authorised', status: 'requested' },
      { method: 'direct', status: 'executed' },
    ]);
    const receipts = await gf.db
      .selectFrom('receipt')
      .select(['source', 'status'])
      .orderBy('source')
      .execute();
    expect(receipts).toEqual([
      { source: 'customs-duty', status: 'matched' },
      { source: 'non-tax', status: 'suspense' },
    ]);
    const tb = await gf.trialBalance();
    expect(tb.balanced).toBe(true);
    expect(await gf.balance('tsa')).toBe(1_000_000 + 5_000_000 - demoPayments[0].amountFen);
  });
});
